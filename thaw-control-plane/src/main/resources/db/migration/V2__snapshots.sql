-- The snapshot an Active SnapStart version restores from; it goes with its version.
CREATE TABLE snapshots (
  function_name VARCHAR(64) NOT NULL,
  version VARCHAR(16) NOT NULL,
  snapshot_id VARCHAR(512) NOT NULL,
  fingerprint VARCHAR(1024) NOT NULL,
  last_invoked TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (function_name, version),
  FOREIGN KEY (function_name, version) REFERENCES versions(function_name, version) ON DELETE CASCADE);
