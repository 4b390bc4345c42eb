-- Event invocations waiting for their next attempt, so that none is lost with the server that accepted it: each is
-- held by one server (claimed_by) and taken over by another when that one is gone.
CREATE TABLE async_events (
  request_id VARCHAR(64) PRIMARY KEY,
  function_name VARCHAR(64) NOT NULL,
  version VARCHAR(16) NOT NULL,
  invoked_arn VARCHAR(256) NOT NULL,
  payload ${blob} NOT NULL,
  client_context ${text} NOT NULL,
  received TIMESTAMP WITH TIME ZONE NOT NULL,
  errors INT NOT NULL,
  throttles INT NOT NULL,
  error_retries INT NOT NULL,
  maximum_age_seconds BIGINT NOT NULL,
  due TIMESTAMP WITH TIME ZONE NOT NULL,
  claimed_by VARCHAR(64) NOT NULL);
