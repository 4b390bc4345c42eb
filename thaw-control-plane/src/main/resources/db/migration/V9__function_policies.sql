-- Each function's resource-based policy (AddPermission), per qualifier ('' for the unqualified function): its
-- statements as Lambda answers them, and the revision that changes with each. It goes with the function, and the
-- store removes a version's or an alias's with it.
CREATE TABLE function_policies (
  function_name VARCHAR(64) NOT NULL REFERENCES functions(name) ON DELETE CASCADE,
  qualifier VARCHAR(128) NOT NULL,
  statements ${text} NOT NULL,
  revision_id VARCHAR(64) NOT NULL,
  PRIMARY KEY (function_name, qualifier));
