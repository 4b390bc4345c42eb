package dev.thaw.controlplane;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FunctionRefTest {

    @Test
    void bareName() {
        assertEquals(new FunctionRef("my-function", null), FunctionRef.parse("my-function"));
    }

    @Test
    void nameWithVersionAliasOrLatest() {
        assertEquals(new FunctionRef("my-function", "1"), FunctionRef.parse("my-function:1"));
        assertEquals(new FunctionRef("my-function", "live"), FunctionRef.parse("my-function:live"));
        assertEquals(new FunctionRef("my-function", "$LATEST"), FunctionRef.parse("my-function:$LATEST"));
    }

    @Test
    void partialArn() {
        assertEquals(new FunctionRef("my_function", null), FunctionRef.parse("123456789012:function:my_function"));
        assertEquals(new FunctionRef("my_function", "7"), FunctionRef.parse("123456789012:function:my_function:7"));
    }

    @Test
    void fullArn() {
        assertEquals(new FunctionRef("f", null), FunctionRef.parse("arn:aws:lambda:us-east-1:000000000000:function:f"));
        assertEquals(new FunctionRef("f", "live"),
                FunctionRef.parse("arn:aws:lambda:eu-west-2:000000000000:function:f:live"));
    }

    @Test
    void malformedReferencesAreValidationErrors() {
        for (String bad : new String[] {"", "has space", "a:b:c:d:e:f:g:h", "x".repeat(65), "f:1:2"}) {
            LambdaException error = assertThrows(LambdaException.class, () -> FunctionRef.parse(bad), bad);
            assertEquals("ValidationException", error.type(), bad);
        }
    }

    @Test
    void aHugeNameIsRepeatedOnlyInPart() {
        String huge = "a".repeat(200_000);
        LambdaException error = assertThrows(LambdaException.class, () -> FunctionRef.parse(huge));
        assertEquals("ValidationException", error.type());
        assertEquals("1 validation error detected: Value '" + "a".repeat(LambdaException.MAX_ECHO)
                + "...(" + (huge.length() - LambdaException.MAX_ECHO) + " more characters)' at 'functionName' failed "
                + "to satisfy constraint: Member must have length less than or equal to 170", error.getMessage());
    }

    @Test
    void queryQualifierMustAgreeWithTheNamedOne() {
        assertEquals(new FunctionRef("f", "2"), FunctionRef.parse("f").withQualifier("2"));
        assertEquals(new FunctionRef("f", "2"), FunctionRef.parse("f:2").withQualifier("2"));
        LambdaException error = assertThrows(LambdaException.class,
                () -> FunctionRef.parse("f:1").withQualifier("2"));
        assertEquals("InvalidParameterValueException", error.type());
    }
}
