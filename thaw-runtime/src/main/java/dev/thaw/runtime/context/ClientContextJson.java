package dev.thaw.runtime.context;

import com.amazonaws.services.lambda.runtime.Client;
import com.amazonaws.services.lambda.runtime.ClientContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the client context a mobile SDK sends: {@code {"client":{"installation_id":..,"app_title":..,
 * "app_version_name":..,"app_version_code":..,"app_package_name":..},"custom":{..},"env":{..}}}.
 */
final class ClientContextJson {

    private ClientContextJson() {
    }

    /** The client context, or null when there is none or it cannot be read. */
    static ClientContext parse(String json) {
        JsonNode node = JsonObjects.read(json);
        if (node == null) {
            return null;
        }
        JsonNode client = node.get("client");
        Client parsedClient = client == null || !client.isObject() ? null : new AppClient(
                JsonObjects.text(client, "installation_id"),
                JsonObjects.text(client, "app_title"),
                JsonObjects.text(client, "app_version_name"),
                JsonObjects.text(client, "app_version_code"),
                JsonObjects.text(client, "app_package_name"));
        JsonNode environment = node.has("env") ? node.get("env") : node.get("environment");
        return new Context(parsedClient, strings(node.get("custom")), strings(environment));
    }

    private static Map<String, String> strings(JsonNode object) {
        if (object == null || !object.isObject()) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        object.properties().forEach(e -> values.put(e.getKey(), e.getValue().isNull() ? null
                : e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
        return Collections.unmodifiableMap(values);
    }

    private record Context(Client client, Map<String, String> custom, Map<String, String> environment)
            implements ClientContext {

        @Override
        public Client getClient() {
            return client;
        }

        @Override
        public Map<String, String> getCustom() {
            return custom;
        }

        @Override
        public Map<String, String> getEnvironment() {
            return environment;
        }
    }

    private record AppClient(String installationId, String appTitle, String appVersionName, String appVersionCode,
                             String appPackageName) implements Client {

        @Override
        public String getInstallationId() {
            return installationId;
        }

        @Override
        public String getAppTitle() {
            return appTitle;
        }

        @Override
        public String getAppVersionName() {
            return appVersionName;
        }

        @Override
        public String getAppVersionCode() {
            return appVersionCode;
        }

        @Override
        public String getAppPackageName() {
            return appPackageName;
        }
    }
}
