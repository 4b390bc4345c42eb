package dev.thaw.controlplane.logs;

import dev.thaw.controlplane.Arns;

import java.util.Optional;

/** Lambda's log group names, {@code /aws/lambda/<function>}, and their ARNs in this server's region and account. */
record LogGroupNames(Arns arns) {

    static final String PREFIX = "/aws/lambda/";

    String name(String functionName) {
        return PREFIX + functionName;
    }

    /** The ARN DescribeLogGroups' {@code arn} gives: the group's, with {@code :*} for its streams. */
    String arn(String functionName) {
        return logGroupArn(functionName) + ":*";
    }

    String logGroupArn(String functionName) {
        return "arn:aws:logs:" + arns.region() + ":" + arns.accountId() + ":log-group:" + name(functionName);
    }

    String streamArn(String functionName, String streamName) {
        return logGroupArn(functionName) + ":log-stream:" + streamName;
    }

    /**
     * The function whose group a request names, by {@code logGroupName} or {@code logGroupIdentifier} (a name or
     * an ARN); empty when it names no Lambda group.
     */
    Optional<String> function(String logGroupName, String logGroupIdentifier) {
        if (logGroupName != null && logGroupIdentifier != null) {
            throw LogsErrors.invalidParameter("LogGroup name and LogGroup ARN are mutually exclusive parameters.");
        }
        if (logGroupName == null && logGroupIdentifier == null) {
            throw LogsErrors.invalidParameter("Either logGroupName or logGroupIdentifier must be given.");
        }
        String name = logGroupName != null ? logGroupName : fromIdentifier(logGroupIdentifier);
        return name.startsWith(PREFIX) ? Optional.of(name.substring(PREFIX.length())) : Optional.empty();
    }

    private String fromIdentifier(String identifier) {
        String arnPrefix = "arn:aws:logs:" + arns.region() + ":" + arns.accountId() + ":log-group:";
        if (!identifier.startsWith("arn:")) {
            return identifier;
        }
        if (!identifier.startsWith(arnPrefix)) {
            return "";
        }
        String name = identifier.substring(arnPrefix.length());
        return name.endsWith(":*") ? name.substring(0, name.length() - 2) : name;
    }
}
