package dev.thaw.store;

import java.net.URI;
import java.util.Objects;

/** An S3-compatible bucket used as the durable tier. */
public record S3Location(URI endpoint, String bucket, String region, String accessKeyId, String secretAccessKey,
                         boolean pathStyle) {
    public S3Location {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    /** Leaves the secret out, since configurations end up in logs. */
    @Override
    public String toString() {
        return "S3Location[endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region
                + ", accessKeyId=" + accessKeyId + ", pathStyle=" + pathStyle + "]";
    }
}
