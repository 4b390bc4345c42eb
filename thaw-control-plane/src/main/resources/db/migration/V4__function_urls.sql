-- Function URLs of $LATEST or an alias; they go with the function, and the store removes an alias's with it. The
-- id names the URL in requests, so it is unique across functions.
CREATE TABLE function_urls (
  function_name VARCHAR(64) NOT NULL REFERENCES functions(name) ON DELETE CASCADE,
  qualifier VARCHAR(128) NOT NULL,
  url_id CHAR(32) NOT NULL UNIQUE,
  auth_type VARCHAR(16) NOT NULL,
  cors ${text},
  invoke_mode VARCHAR(16) NOT NULL,
  creation_time TIMESTAMP WITH TIME ZONE NOT NULL,
  last_modified TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (function_name, qualifier));
