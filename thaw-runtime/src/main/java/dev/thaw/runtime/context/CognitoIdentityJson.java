package dev.thaw.runtime.context;

import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the Cognito identity of an invocation from {@code {"cognitoIdentityId":..,"cognitoIdentityPoolId":..}},
 * the form Lambda's runtime API hands to runtimes.
 */
final class CognitoIdentityJson {

    private CognitoIdentityJson() {
    }

    /** The identity, or null when there is none or it cannot be read. */
    static CognitoIdentity parse(String json) {
        JsonNode node = JsonObjects.read(json);
        if (node == null) {
            return null;
        }
        return new Identity(JsonObjects.text(node, "cognitoIdentityId", "identityId"),
                JsonObjects.text(node, "cognitoIdentityPoolId", "identityPoolId"));
    }

    private record Identity(String identityId, String identityPoolId) implements CognitoIdentity {

        @Override
        public String getIdentityId() {
            return identityId;
        }

        @Override
        public String getIdentityPoolId() {
            return identityPoolId;
        }
    }
}
