package dev.thaw.controlplane;

/** Builds the ARNs of this server's region and account, and the not-found messages that quote them. */
public record Arns(String region, String accountId) {

    /** A region as Lambda's ARNs spell it, a regular expression. */
    public static final String REGION_FORM = "[a-z]{2}(?:-gov)?-[a-z]+-\\d";
    /** An account id as Lambda's ARNs spell it, a regular expression. */
    public static final String ACCOUNT_FORM = "\\d{12}";

    public String function(String name) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + name;
    }

    /** The function ARN with {@code :qualifier} appended, or the unqualified ARN when qualifier is null. */
    public String qualified(String name, String qualifier) {
        return qualifier == null ? function(name) : function(name) + ":" + qualifier;
    }

    public String layer(String name) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":layer:" + name;
    }

    public String layerVersion(String name, long version) {
        return layer(name) + ":" + version;
    }

    public LambdaException functionNotFound(String name, String qualifier) {
        return LambdaException.notFound("Function not found: " + qualified(name, qualifier));
    }

    public LambdaException aliasNotFound(String name, String alias) {
        return LambdaException.notFound("Alias not found: " + qualified(name, alias));
    }
}
