package dev.thaw.controlplane;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * AddPermission, GetPolicy and RemovePermission: a function's resource-based policy, per qualifier, kept and answered
 * as Lambda does. A server is one account and its callers sign with its keys, so the policy is recorded for the
 * tools that write and read it (event sources, deployment tools) and grants nothing more.
 */
public final class FunctionPolicyService {

    private static final Pattern STATEMENT_ID = Pattern.compile("([a-zA-Z0-9-_]+)");
    private static final int MAX_STATEMENT_ID = 100;
    private static final Pattern ACTION = Pattern.compile("(lambda:[*]|lambda:[a-zA-Z]+|[*])");
    private static final Pattern PRINCIPAL = Pattern.compile("[^\\s]+");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern SOURCE_ARN = Pattern.compile(
            "arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}(-gov)?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)");
    private static final Pattern ORGANIZATION = Pattern.compile("o-[a-z0-9]{10,32}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MetadataStore store;
    private final VersionResolver resolver;
    private final Arns arns;
    private final MutationLock lock;

    FunctionPolicyService(MetadataStore store, VersionResolver resolver, Arns arns, MutationLock lock) {
        this.store = store;
        this.resolver = resolver;
        this.arns = arns;
        this.lock = lock;
    }

    /** @return the statement added */
    public String addPermission(FunctionRef ref, Requests.AddPermission request) {
        String statement = statement(ref, request);
        String sid = request.statementId();
        return lock.run(() -> {
            resolver.config(ref);
            String qualifier = Objects.requireNonNullElse(ref.qualifier(), "");
            FunctionPolicy current = store.policy(ref.name(), qualifier).orElseGet(FunctionPolicy::empty);
            Revisions.check(current.revisionId(), request.revisionId());
            if (find(current, sid).isPresent()) {
                throw LambdaException.conflict("The statement id (" + sid + ") provided already exists. Please "
                        + "provide a new statement id, or remove the existing statement.");
            }
            store.putPolicy(ref.name(), qualifier, current.with(statement));
            return statement;
        });
    }

    public PolicyText policy(FunctionRef ref) {
        resolver.config(ref);
        FunctionPolicy policy = store.policy(ref.name(), Objects.requireNonNullElse(ref.qualifier(), ""))
                .orElseThrow(() -> LambdaException.notFound("The resource you requested does not exist."));
        String statements = String.join(",", policy.statements());
        return new PolicyText("{\"Version\":\"2012-10-17\",\"Id\":\"default\",\"Statement\":[" + statements + "]}",
                policy.revisionId());
    }

    public void removePermission(FunctionRef ref, String statementId, String revisionId) {
        lock.run(() -> {
            resolver.config(ref);
            String qualifier = Objects.requireNonNullElse(ref.qualifier(), "");
            FunctionPolicy current = store.policy(ref.name(), qualifier).orElseGet(FunctionPolicy::empty);
            Revisions.check(current.revisionId(), revisionId);
            String statement = find(current, statementId).orElseThrow(() -> LambdaException.notFound("Statement "
                    + LambdaException.echo(statementId) + " is not found in resource policy."));
            store.putPolicy(ref.name(), qualifier, current.without(statement));
            return null;
        });
    }

    private static Optional<String> find(FunctionPolicy policy, String statementId) {
        return policy.statements().stream().filter(statement -> {
            try {
                return statementId.equals(JSON.readTree(statement).path("Sid").asText());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a stored policy statement is not JSON", e);
            }
        }).findFirst();
    }

    /** The statement as Lambda writes it, from a checked request. */
    private String statement(FunctionRef ref, Requests.AddPermission request) {
        check("statementId", request.statementId(), STATEMENT_ID, MAX_STATEMENT_ID);
        check("action", request.action(), ACTION, Integer.MAX_VALUE);
        check("principal", request.principal(), PRINCIPAL, Integer.MAX_VALUE);
        optional("sourceArn", request.sourceArn(), SOURCE_ARN);
        optional("sourceAccount", request.sourceAccount(), ACCOUNT);
        optional("principalOrgID", request.principalOrgID(), ORGANIZATION);
        if (request.functionUrlAuthType() != null && !request.functionUrlAuthType().equals("NONE")
                && !request.functionUrlAuthType().equals("AWS_IAM")) {
            throw LambdaException.constraint("functionUrlAuthType", request.functionUrlAuthType(),
                    "Member must satisfy enum value set: [NONE, AWS_IAM]");
        }
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Sid", request.statementId());
        statement.put("Effect", "Allow");
        statement.put("Principal", PolicyText.principal(request.principal()));
        statement.put("Action", request.action());
        statement.put("Resource", arns.qualified(ref.name(), ref.qualifier()));
        Map<String, Map<String, String>> condition = new LinkedHashMap<>();
        if (request.sourceAccount() != null) {
            condition.computeIfAbsent("StringEquals", k -> new LinkedHashMap<>())
                    .put("AWS:SourceAccount", request.sourceAccount());
        }
        if (request.eventSourceToken() != null) {
            condition.computeIfAbsent("StringEquals", k -> new LinkedHashMap<>())
                    .put("lambda:EventSourceToken", request.eventSourceToken());
        }
        if (request.principalOrgID() != null) {
            condition.computeIfAbsent("StringEquals", k -> new LinkedHashMap<>())
                    .put("aws:PrincipalOrgID", request.principalOrgID());
        }
        if (request.functionUrlAuthType() != null) {
            condition.computeIfAbsent("StringEquals", k -> new LinkedHashMap<>())
                    .put("lambda:FunctionUrlAuthType", request.functionUrlAuthType());
        }
        if (request.sourceArn() != null) {
            condition.put("ArnLike", Map.of("AWS:SourceArn", request.sourceArn()));
        }
        if (!condition.isEmpty()) {
            statement.put("Condition", condition);
        }
        try {
            return JSON.writeValueAsString(statement);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void check(String member, String value, Pattern pattern, int maxLength) {
        if (value == null) {
            throw LambdaException.constraint(member, null, "Member must not be null");
        }
        if (value.length() > maxLength || !pattern.matcher(value).matches()) {
            throw LambdaException.constraint(member, value, "Member must satisfy regular expression pattern: "
                    + pattern.pattern());
        }
    }

    private static void optional(String member, String value, Pattern pattern) {
        if (value != null && !pattern.matcher(value).matches()) {
            throw LambdaException.constraint(member, value, "Member must satisfy regular expression pattern: "
                    + pattern.pattern());
        }
    }
}
