-- Async invocation settings of a version or alias (PutFunctionEventInvokeConfig); they go with the function, and
-- the store removes a qualifier's with its version or alias.
CREATE TABLE event_invoke_configs (
  function_name VARCHAR(64) NOT NULL REFERENCES functions(name) ON DELETE CASCADE,
  qualifier VARCHAR(128) NOT NULL,
  maximum_retry_attempts INT,
  maximum_event_age_seconds INT,
  on_success VARCHAR(350),
  on_failure VARCHAR(350),
  last_modified TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (function_name, qualifier));
