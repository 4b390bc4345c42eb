-- The servers sharing the database, each with the time it last said it was alive; and which server makes a
-- version's snapshot, so that one does and another takes over when it dies.
CREATE TABLE nodes (
  node_id VARCHAR(64) PRIMARY KEY,
  address VARCHAR(512) NOT NULL,
  started TIMESTAMP WITH TIME ZONE NOT NULL,
  heartbeat TIMESTAMP WITH TIME ZONE NOT NULL);
CREATE TABLE snapshot_job_claims (
  function_name VARCHAR(64) NOT NULL,
  version VARCHAR(16) NOT NULL,
  node_id VARCHAR(64) NOT NULL,
  claimed TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (function_name, version));
