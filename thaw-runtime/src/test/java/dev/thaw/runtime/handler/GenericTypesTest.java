package dev.thaw.runtime.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.thaw.runtime.handler.TestHandlers.Person;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenericTypesTest {

    @Test
    void directImplementation() {
        assertEquals(Person.class, GenericTypes.typeArgument(TestHandlers.Greeter.class, RequestHandler.class, 0));
        assertEquals(TestHandlers.Greeting.class,
                GenericTypes.typeArgument(TestHandlers.Greeter.class, RequestHandler.class, 1));
    }

    @Test
    void throughAbstractClassesThatRenameTheirParameters() {
        assertEquals(Person.class, GenericTypes.typeArgument(TestHandlers.PersonReporter.class, RequestHandler.class, 0));
    }

    @Test
    void throughAnInterface() {
        assertEquals(Person.class, GenericTypes.typeArgument(TestHandlers.ViaInterface.class, RequestHandler.class, 0));
        assertEquals(Integer.class, GenericTypes.typeArgument(TestHandlers.ViaInterface.class, RequestHandler.class, 1));
    }

    @Test
    void keepsParameterizedArguments() {
        Type type = GenericTypes.typeArgument(TestHandlers.PersonListReporter.class, RequestHandler.class, 0);
        ParameterizedType list = assertInstanceOf(ParameterizedType.class, type);
        assertEquals(List.class, list.getRawType());
        assertEquals(Person.class, list.getActualTypeArguments()[0]);
    }

    @Test
    void unboundAndRawResolveToObject() {
        assertEquals(Object.class, GenericTypes.typeArgument(TestHandlers.UnboundReporter.class, RequestHandler.class, 0));
        assertEquals(Object.class, GenericTypes.typeArgument(TestHandlers.RawHandler.class, RequestHandler.class, 0));
    }

    @Test
    void methodParameterDeclaredInAGenericBase() throws Exception {
        Type parameter = TestHandlers.GenericMethodBase.class.getMethod("kind", Object.class).getGenericParameterTypes()[0];
        assertEquals(Person.class, GenericTypes.resolve(parameter, TestHandlers.PersonKind.class));
    }
}
