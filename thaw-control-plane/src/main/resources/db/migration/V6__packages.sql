-- Deployment and layer packages as uploaded, for servers that share the database: a server that lacks one
-- locally fetches it from here. Kept while a version or layer version refers to it.
CREATE TABLE packages (
  sha256 CHAR(64) PRIMARY KEY,
  zip ${blob} NOT NULL,
  stored TIMESTAMP WITH TIME ZONE NOT NULL);
