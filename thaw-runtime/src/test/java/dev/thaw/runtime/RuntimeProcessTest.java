package dev.thaw.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thaw.runtime.channel.ControlFds;
import dev.thaw.runtime.channel.Frame;
import dev.thaw.runtime.channel.FrameChannel;
import dev.thaw.runtime.channel.InvokeMessage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.joda.time.DateTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the packaged runtime jar as a real {@code java} process, the way the worker does, with the
 * {@code example} functions as its deployment package, and speaks frames to it over the pipes of its control
 * channel, passed as the process's stdin and stdout and moved to the channel's own descriptors by a shell.
 */
class RuntimeProcessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path taskRoot;

    @BeforeAll
    static void unpackDeploymentPackage() throws Exception {
        Path testClasses = codeSource(example.Greeter.class);
        try (Stream<Path> files = Files.walk(testClasses.resolve("example"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = taskRoot.resolve(testClasses.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        Files.createDirectories(taskRoot.resolve("lib"));
        Files.copy(codeSource(SQSEvent.class), taskRoot.resolve("lib/aws-lambda-java-events.jar"));
        Files.copy(codeSource(DateTime.class), taskRoot.resolve("lib/joda-time.jar"));
        Files.copy(codeSource(org.crac.Core.class), taskRoot.resolve("lib/crac.jar"));
    }

    private static String text(Frame frame) {
        return new String(frame.payload(), StandardCharsets.UTF_8);
    }

    private static Path codeSource(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void servesInvocationsAndSendsTheFunctionsLogs() throws Exception {
        try (RuntimeProcess runtime = RuntimeProcess.start("example.Greeter")) {
            assertEquals(Frame.Type.READY, runtime.next().type());
            String first = text(runtime.invoke("req-1", "{\"name\":\"Bob\"}"));
            assertTrue(first.startsWith("\"Hello Bob from my-function 3 instance "), first);
            assertEquals(List.of("stdout line for req-1\n", "stderr line\n", "context logger\n", "static logger\n",
                    "unterminated"), runtime.logs());
            String second = text(runtime.invoke("req-2", "{\"name\":\"Ann\"}"));
            assertEquals(first.substring(first.indexOf(" instance ")), second.substring(second.indexOf(" instance ")),
                    "one handler instance serves every invocation");
            runtime.closeInput();
            assertEquals(0, runtime.exitCode());
        }
    }

    @Test
    void functionErrorsAnswerWithLambdaErrorJson() throws Exception {
        try (RuntimeProcess runtime = RuntimeProcess.start("example.Failing::fail")) {
            assertEquals(Frame.Type.READY, runtime.next().type());
            Frame response = runtime.invoke("req-1", "\"payload\"");
            assertEquals(Frame.Type.RESPONSE_ERROR, response.type());
            JsonNode error = JSON.readTree(response.payload());
            assertEquals("boom: payload", error.get("errorMessage").asText());
            assertEquals("java.lang.IllegalStateException", error.get("errorType").asText());
            assertEquals(1, error.get("stackTrace").size(), error.toString());
            assertTrue(error.get("stackTrace").get(0).asText().startsWith("example.Failing.fail(Failing.java:"));
            assertEquals("java.io.IOException", error.get("cause").get("errorType").asText());
            assertEquals("disk full", error.get("cause").get("errorMessage").asText());
            String log = String.join("", runtime.logs());
            assertTrue(log.startsWith("boom: payload: java.lang.IllegalStateException\n"
                    + "java.lang.IllegalStateException: boom: payload\n\tat example.Failing.fail("), log);
            assertFalse(log.contains("dev.thaw"), log);
            // The environment stays usable after a function error.
            assertEquals(Frame.Type.RESPONSE_ERROR, runtime.invoke("req-2", "\"again\"").type());
        }
    }

    @Test
    void functionSeesOnlyItsPackageTheJdkAndTheHandlerApi() throws Exception {
        try (RuntimeProcess runtime = RuntimeProcess.start("example.Probe::probe")) {
            assertEquals(Frame.Type.READY, runtime.next().type());
            JsonNode seen = JSON.readTree(runtime.invoke("req-1", "").payload());
            assertFalse(seen.get("runtimeVisible").asBoolean(), seen.toString());
            assertTrue(seen.get("cracCompatVisible").asBoolean(), seen.toString());
            assertFalse(seen.get("shadedJacksonVisible").asBoolean(), seen.toString());
            assertFalse(seen.get("jacksonVisible").asBoolean(), seen.toString());
            assertTrue(seen.get("contextLoaderIsFunctions").asBoolean(), seen.toString());
            assertEquals(-1, seen.get("stdin").asInt());
        }
    }

    @Test
    void eventClassesFromTheDeploymentPackage() throws Exception {
        try (RuntimeProcess runtime = RuntimeProcess.start("example.QueueCounter")) {
            assertEquals(Frame.Type.READY, runtime.next().type());
            Frame response = runtime.invoke("req-1", "{\"Records\":[{\"messageId\":\"1\",\"body\":\"a\"},"
                    + "{\"messageId\":\"2\",\"body\":\"b\"}]}");
            assertEquals(Frame.Type.RESPONSE, response.type(), text(response));
            assertEquals("2", text(response));
        }
    }

    @Test
    void missingClassFailsInit() throws Exception {
        try (RuntimeProcess runtime = RuntimeProcess.start("example.Missing")) {
            Frame frame = runtime.next();
            assertEquals(Frame.Type.INIT_ERROR, frame.type());
            assertEquals("{\"errorMessage\":\"Class not found: example.Missing\",\"errorType\":\"java.lang.ClassNotFoundException\"}",
                    text(frame));
            assertEquals(1, runtime.exitCode());
            assertTrue(String.join("", runtime.logs()).startsWith("Class not found: example.Missing: "
                    + "java.lang.ClassNotFoundException"), runtime.logs().toString());
        }
    }

    @Test
    void failingStaticInitFailsInit() throws Exception {
        try (RuntimeProcess runtime = RuntimeProcess.start("example.BrokenStaticInit::handle")) {
            Frame frame = runtime.next();
            assertEquals(Frame.Type.INIT_ERROR, frame.type());
            JsonNode error = JSON.readTree(frame.payload());
            assertEquals("java.lang.ExceptionInInitializerError", error.get("errorType").asText());
            assertEquals("no config", error.get("errorMessage").asText());
            assertEquals("java.lang.IllegalStateException", error.get("cause").get("errorType").asText());
            assertEquals(1, runtime.exitCode());
        }
    }

    @Test
    void outOfMemoryAnswersThenEndsTheEnvironment() throws Exception {
        try (RuntimeProcess runtime = RuntimeProcess.start("example.Hungry::eat", "-Xmx48m")) {
            assertEquals(Frame.Type.READY, runtime.next().type());
            Frame response = runtime.invoke("req-1", "");
            assertEquals(Frame.Type.RESPONSE_ERROR, response.type());
            assertEquals("java.lang.OutOfMemoryError", JSON.readTree(response.payload()).get("errorType").asText());
            assertEquals(1, runtime.exitCode());
        }
    }

    @Test
    void snapStartRunsCracHooksAroundTheCheckpoint() throws Exception {
        try (RuntimeProcess runtime = RuntimeProcess.startSnapStart("example.CracHooks::calls")) {
            assertEquals(Frame.Type.READY, runtime.next().type());
            runtime.send(Frame.Type.CHECKPOINT);
            assertEquals(Frame.Type.CHECKPOINT_READY, runtime.next().type());
            assertEquals(List.of("closing B;closing A;"), runtime.logs(), "output flushed before the checkpoint");
            runtime.logs().clear();
            runtime.send(Frame.Type.RESTORE);
            assertEquals(Frame.Type.RESTORED, runtime.next().type());
            assertEquals(List.of("reopened A\n", "reopened B\n"), runtime.logs());
            Frame response = runtime.invoke("req-1", "");
            assertEquals(Frame.Type.RESPONSE, response.type(), text(response));
            assertEquals("[\"beforeCheckpoint B\",\"beforeCheckpoint A\",\"afterRestore A\",\"afterRestore B\"]",
                    text(response));
            runtime.closeInput();
            assertEquals(0, runtime.exitCode());
        }
    }

    @Test
    void failingBeforeCheckpointEndsTheEnvironment() throws Exception {
        try (RuntimeProcess runtime = RuntimeProcess.startSnapStart("example.BrokenCheckpointHook::handle")) {
            assertEquals(Frame.Type.READY, runtime.next().type());
            runtime.send(Frame.Type.CHECKPOINT);
            Frame frame = runtime.next();
            assertEquals(Frame.Type.CHECKPOINT_ERROR, frame.type());
            JsonNode error = JSON.readTree(frame.payload());
            assertEquals("java.lang.IllegalStateException", error.get("errorType").asText());
            assertEquals("cannot close the connection pool", error.get("errorMessage").asText());
            String top = error.get("stackTrace").get(0).asText();
            assertTrue(top.startsWith("example.BrokenCheckpointHook$2.beforeCheckpoint("), error.toString());
            assertFalse(error.toString().contains("dev.thaw"), error.toString());
            String log = String.join("", runtime.logs());
            assertTrue(log.contains("healthy hook ran\n"), "every hook runs: " + log);
            assertTrue(log.contains("cannot close the connection pool: java.lang.IllegalStateException\n"), log);
            assertEquals(1, runtime.exitCode());
        }
    }

    @Test
    void failingAfterRestoreEndsTheEnvironment() throws Exception {
        try (RuntimeProcess runtime = RuntimeProcess.startSnapStart("example.BrokenRestoreHook::handle")) {
            assertEquals(Frame.Type.READY, runtime.next().type());
            runtime.send(Frame.Type.CHECKPOINT);
            assertEquals(Frame.Type.CHECKPOINT_READY, runtime.next().type());
            runtime.send(Frame.Type.RESTORE);
            Frame frame = runtime.next();
            assertEquals(Frame.Type.RESTORE_ERROR, frame.type());
            JsonNode error = JSON.readTree(frame.payload());
            assertEquals("java.io.IOException", error.get("errorType").asText());
            assertEquals("cannot reconnect", error.get("errorMessage").asText());
            assertTrue(String.join("", runtime.logs()).contains("cannot reconnect: java.io.IOException\n"),
                    runtime.logs().toString());
            assertEquals(1, runtime.exitCode());
        }
    }

    @Test
    void restoreWithoutCheckpointIsRefused() throws Exception {
        try (RuntimeProcess runtime = RuntimeProcess.startSnapStart("example.CracHooks::calls")) {
            assertEquals(Frame.Type.READY, runtime.next().type());
            runtime.send(Frame.Type.RESTORE);
            Frame frame = runtime.next();
            assertEquals(Frame.Type.RESTORE_ERROR, frame.type());
            assertEquals("{\"errorMessage\":\"RESTORE without a CHECKPOINT before it\","
                    + "\"errorType\":\"java.lang.IllegalStateException\"}", text(frame));
            assertEquals(1, runtime.exitCode());
        }
    }

    @Test
    void outputBehindJavasBackGoesToTheLogNotTheChannel() throws Exception {
        try (RuntimeProcess runtime = RuntimeProcess.start("example.ChildProcess::run")) {
            assertEquals(Frame.Type.READY, runtime.next().type());
            Frame response = runtime.invoke("req-1", "\"garbage\"");
            assertEquals(Frame.Type.RESPONSE, response.type(), text(response));
            assertEquals("\"child exited 0\"", text(response));
            assertEquals(Frame.Type.RESPONSE, runtime.invoke("req-2", "\"again\"").type());
            runtime.closeInput();
            assertEquals(0, runtime.exitCode());
            assertEquals("garbageon stderr\nagainon stderr\n", runtime.stderrText());
        }
    }

    @Test
    void startedWithoutItsChannelExitsSayingWhy() throws Exception {
        try (RuntimeProcess runtime = RuntimeProcess.startWithoutChannel("example.Greeter")) {
            assertEquals(1, runtime.exitCode());
            String stderr = runtime.stderrText();
            assertTrue(stderr.startsWith("thaw-runtime: cannot set up the control channel:\njava.io.IOException: fd "
                    + ControlFds.FROM_WORKER + " "), stderr);
            assertTrue(stderr.contains("\tat dev.thaw.runtime.channel.ControlFds.open("), stderr);
        }
    }

    @Test
    void garbageOnTheChannelEndsTheRuntimeSayingWhy() throws Exception {
        try (RuntimeProcess runtime = RuntimeProcess.start("example.Greeter")) {
            assertEquals(Frame.Type.READY, runtime.next().type());
            runtime.sendRaw(new byte[] {'Z', 0, 0, 0, 0});
            assertEquals(1, runtime.exitCode());
            String stderr = runtime.stderrText();
            assertTrue(stderr.startsWith("thaw-runtime: the control channel failed:\n"
                    + "dev.thaw.runtime.channel.MalformedFrameException: unknown frame type 90\n"), stderr);
        }
    }

    /** One runtime process and the worker's side of its channel. */
    private static final class RuntimeProcess implements AutoCloseable {

        private final Process process;
        private final FrameChannel channel;
        private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
        private final List<String> logs = new ArrayList<>();
        private final Path stderr;

        /** Moves the channel from the process's stdin and stdout to its own descriptors, as the worker does. */
        private static final List<String> CHANNEL_ON_ITS_FDS = List.of("/bin/sh", "-c",
                "exec " + ControlFds.FROM_STANDARD_STREAMS + "; exec \"$@\"", "runtime");

        private RuntimeProcess(Process process, Path stderr) {
            this.process = process;
            this.stderr = stderr;
            this.channel = new FrameChannel(process.getInputStream(), process.getOutputStream());
            Thread reader = new Thread(() -> {
                try {
                    for (Frame frame = channel.read(); frame != null; frame = channel.read()) {
                        frames.add(frame);
                    }
                } catch (IOException e) {
                    // the process ended mid-frame; the test sees no further frames
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        static RuntimeProcess start(String handler, String... jvmOptions) throws IOException {
            return launch(handler, "on-demand", CHANNEL_ON_ITS_FDS, jvmOptions);
        }

        /** An environment started to be checkpointed, as the worker starts one when publishing a version. */
        static RuntimeProcess startSnapStart(String handler) throws IOException {
            return launch(handler, "snap-start", CHANNEL_ON_ITS_FDS);
        }

        /** A runtime started wrongly: no control channel on its descriptors. */
        static RuntimeProcess startWithoutChannel(String handler) throws IOException {
            return launch(handler, "on-demand", List.of());
        }

        private static RuntimeProcess launch(String handler, String initializationType, List<String> launcher,
                                             String... jvmOptions) throws IOException {
            String jar = System.getProperty("thaw.runtime.jar");
            assertNotNull(jar, "system property thaw.runtime.jar names the packaged runtime");
            assertTrue(Files.isRegularFile(Path.of(jar)), jar);
            List<String> command = new ArrayList<>(launcher);
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(List.of("-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
            command.addAll(List.of(jvmOptions));
            command.addAll(List.of("-cp", jar, "dev.thaw.runtime.RuntimeMain"));
            Path stderr = Files.createTempFile(taskRoot.getParent(), "runtime-stderr", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile())
                    .redirectError(stderr.toFile());
            builder.environment().remove("JAVA_TOOL_OPTIONS");
            builder.environment().put("LAMBDA_TASK_ROOT", taskRoot.toString());
            builder.environment().put("_HANDLER", handler);
            builder.environment().put("AWS_LAMBDA_FUNCTION_NAME", "my-function");
            builder.environment().put("AWS_LAMBDA_FUNCTION_VERSION", "3");
            builder.environment().put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
            builder.environment().put("AWS_LAMBDA_INITIALIZATION_TYPE", initializationType);
            return new RuntimeProcess(builder.start(), stderr);
        }

        /** The next frame that is not a LOG frame; LOG frames are collected for {@link #logs()}. */
        Frame next() throws Exception {
            while (true) {
                Frame frame = frames.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                assertNotNull(frame, () -> "no frame from the runtime; its stderr: " + stderrText());
                if (frame.type() != Frame.Type.LOG) {
                    return frame;
                }
                logs.add(new String(frame.payload(), StandardCharsets.UTF_8));
            }
        }

        Frame invoke(String requestId, String payload) throws Exception {
            logs.clear();
            InvokeMessage message = new InvokeMessage(requestId, System.currentTimeMillis() + 60_000,
                    "arn:aws:lambda:us-east-1:123456789012:function:my-function:3", "", "",
                    payload.getBytes(StandardCharsets.UTF_8));
            channel.write(new Frame(Frame.Type.INVOKE, message.encode()));
            Frame response = next();
            assertNotEquals(Frame.Type.LOG, response.type());
            return response;
        }

        void send(Frame.Type type) throws IOException {
            channel.write(Frame.of(type));
        }

        /** Writes bytes to the channel that need not be a frame. */
        void sendRaw(byte[] bytes) throws IOException {
            process.getOutputStream().write(bytes);
            process.getOutputStream().flush();
        }

        List<String> logs() {
            return logs;
        }

        void closeInput() throws IOException {
            process.getOutputStream().close();
        }

        int exitCode() throws Exception {
            assertTrue(process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "runtime did not exit");
            return process.exitValue();
        }

        /** What the process wrote to its stdout and stderr, the function's log streams. */
        String stderrText() {
            try {
                return Files.readString(stderr);
            } catch (IOException e) {
                return e.toString();
            }
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
