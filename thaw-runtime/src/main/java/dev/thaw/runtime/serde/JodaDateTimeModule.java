package dev.thaw.runtime.serde;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.Serializers;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;

/**
 * Reads and writes {@code org.joda.time.DateTime}, which aws-lambda-java-events uses for event times
 * (ScheduledEvent, CloudWatch events). Joda comes from the function's package, so it is reached by name and
 * reflection: ISO-8601 text goes through {@code DateTime.parse}, epoch millis through {@code new DateTime(long)},
 * and output is the ISO text of {@code toString()}.
 */
final class JodaDateTimeModule extends SimpleModule {

    private static final long serialVersionUID = 1L;
    private static final String DATE_TIME = "org.joda.time.DateTime";

    JodaDateTimeModule() {
        super("thaw-joda-datetime");
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.addSerializers(new Serializers.Base() {
            @Override
            public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type, BeanDescription bean) {
                return type.getRawClass().getName().equals(DATE_TIME) ? ToStringSerializer.instance : null;
            }
        });
        context.addDeserializers(new Deserializers.Base() {
            @Override
            public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config,
                                                            BeanDescription bean) {
                return type.getRawClass().getName().equals(DATE_TIME) ? new DateTimeDeserializer(type.getRawClass()) : null;
            }
        });
    }

    private static final class DateTimeDeserializer extends StdScalarDeserializer<Object> {

        private static final long serialVersionUID = 1L;

        DateTimeDeserializer(Class<?> dateTime) {
            super(dateTime);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Class<?> dateTime = handledType();
            try {
                if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                    return dateTime.getConstructor(long.class).newInstance(parser.getLongValue());
                }
                String text = parser.getValueAsString();
                if (text == null) {
                    return context.handleUnexpectedToken(dateTime, parser);
                }
                if (text.isBlank()) {
                    return null;
                }
                return dateTime.getMethod("parse", String.class).invoke(null, text.trim());
            } catch (InvocationTargetException e) {
                return context.handleWeirdStringValue(dateTime, parser.getText(), "%s", e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("unusable " + DATE_TIME, e);
            }
        }
    }
}
