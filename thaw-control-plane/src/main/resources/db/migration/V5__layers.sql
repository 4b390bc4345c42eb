-- Layers and their versions. A layer's row stays when its last version goes, so that its version numbers are
-- never used twice; functions keep what they use of a deleted version in their own configuration.
CREATE TABLE layers (
  name VARCHAR(140) PRIMARY KEY,
  last_version BIGINT NOT NULL);
CREATE TABLE layer_versions (
  layer_name VARCHAR(140) NOT NULL REFERENCES layers(name),
  version BIGINT NOT NULL,
  config ${text} NOT NULL,
  PRIMARY KEY (layer_name, version));
