package dev.thaw.runtime.context;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.thaw.runtime.FunctionEnvironment;
import dev.thaw.runtime.channel.InvokeMessage;
import java.util.function.LongSupplier;

/** The {@link Context} of one invocation: the function's settings plus what the INVOKE frame carried. */
public final class InvocationContext implements Context {

    private final FunctionEnvironment function;
    private final InvokeMessage invoke;
    private final CognitoIdentity identity;
    private final ClientContext clientContext;
    private final LambdaLogger logger;
    private final LongSupplier clock;

    public InvocationContext(FunctionEnvironment function, InvokeMessage invoke, LambdaLogger logger, LongSupplier clock) {
        this.function = function;
        this.invoke = invoke;
        this.identity = CognitoIdentityJson.parse(invoke.cognitoIdentityJson());
        this.clientContext = ClientContextJson.parse(invoke.clientContextJson());
        this.logger = logger;
        this.clock = clock;
    }

    public InvocationContext(FunctionEnvironment function, InvokeMessage invoke, LambdaLogger logger) {
        this(function, invoke, logger, System::currentTimeMillis);
    }

    @Override
    public String getAwsRequestId() {
        return invoke.requestId();
    }

    @Override
    public String getLogGroupName() {
        return function.logGroupName();
    }

    @Override
    public String getLogStreamName() {
        return function.logStreamName();
    }

    @Override
    public String getFunctionName() {
        return function.functionName();
    }

    @Override
    public String getFunctionVersion() {
        return function.functionVersion();
    }

    @Override
    public String getInvokedFunctionArn() {
        return invoke.invokedFunctionArn();
    }

    @Override
    public CognitoIdentity getIdentity() {
        return identity;
    }

    @Override
    public ClientContext getClientContext() {
        return clientContext;
    }

    @Override
    public int getRemainingTimeInMillis() {
        long remaining = invoke.deadlineEpochMillis() - clock.getAsLong();
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, remaining));
    }

    @Override
    public int getMemoryLimitInMB() {
        return function.memoryLimitInMb();
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
