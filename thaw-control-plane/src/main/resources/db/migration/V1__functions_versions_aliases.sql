-- Functions with their versions' and aliases' configurations (JSON documents). Idempotent: databases written
-- before schema versions were recorded have these tables already.
CREATE TABLE IF NOT EXISTS functions (
  name VARCHAR(64) PRIMARY KEY,
  last_version INT NOT NULL,
  reserved_concurrency INT,
  tags ${text} NOT NULL);
CREATE TABLE IF NOT EXISTS versions (
  function_name VARCHAR(64) NOT NULL REFERENCES functions(name) ON DELETE CASCADE,
  version VARCHAR(16) NOT NULL,
  version_order INT NOT NULL,
  config ${text} NOT NULL,
  PRIMARY KEY (function_name, version));
CREATE TABLE IF NOT EXISTS aliases (
  function_name VARCHAR(64) NOT NULL REFERENCES functions(name) ON DELETE CASCADE,
  name VARCHAR(128) NOT NULL,
  config ${text} NOT NULL,
  PRIMARY KEY (function_name, name));
