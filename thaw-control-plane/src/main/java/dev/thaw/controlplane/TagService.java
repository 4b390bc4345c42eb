package dev.thaw.controlplane;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** ListTags, TagResource, UntagResource on a function ARN. */
public final class TagService {

    private static final Logger LOG = LoggerFactory.getLogger(TagService.class);

    private final MetadataStore store;
    private final VersionResolver resolver;
    private final MutationLock lock;

    TagService(MetadataStore store, VersionResolver resolver, MutationLock lock) {
        this.store = store;
        this.resolver = resolver;
        this.lock = lock;
    }

    public Map<String, String> list(String arn) {
        return resolver.function(functionName(arn)).tags();
    }

    public void tag(String arn, Map<String, String> tags) {
        if (tags == null) {
            throw LambdaException.constraint("tags", null, "Member must not be null");
        }
        change(arn, current -> current.putAll(tags));
    }

    public void untag(String arn, List<String> keys) {
        change(arn, current -> keys.forEach(current::remove));
    }

    private void change(String arn, Consumer<Map<String, String>> edit) {
        String name = functionName(arn);
        lock.run(() -> {
            FunctionRecord function = resolver.function(name);
            Map<String, String> tags = new HashMap<>(function.tags());
            edit.accept(tags);
            store.updateFunction(new FunctionRecord(name, function.lastVersion(), function.reservedConcurrency(), tags));
            LOG.info("updated tags of function {}", name);
            return null;
        });
    }

    // Tags belong to the function: Lambda refuses a qualified ARN here.
    private static String functionName(String arn) {
        FunctionRef ref = FunctionRef.parse(arn);
        if (ref.qualifier() != null) {
            throw LambdaException.invalidParameter("Tags are not supported on function versions or aliases: "
                    + LambdaException.echo(arn));
        }
        return ref.name();
    }
}
