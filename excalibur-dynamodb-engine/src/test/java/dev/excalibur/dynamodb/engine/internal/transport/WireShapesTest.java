package dev.excalibur.dynamodb.engine.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Request members whose JSON type does not fit the operation's shape are refused before the engine
 * sees them, with the service's SerializationException messages (as dynalite's type tests recorded
 * them from the live service).
 */
class WireShapesTest {

    private final EngineBridge bridge = ScriptedEngine.bridge();

    private String answer(String operation, String body) {
        Answer answer = bridge.handle("DynamoDB_20120810." + operation, body.getBytes(StandardCharsets.UTF_8));
        return answer.statusCode() + " " + new String(answer.body(), StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ListTables | {"ExclusiveStartTableName":true} | TRUE_VALUE cannot be converted to String
            ListTables | {"ExclusiveStartTableName":23} | NUMBER_VALUE cannot be converted to String
            ListTables | {"ExclusiveStartTableName":34.56} | DECIMAL_VALUE cannot be converted to String
            ListTables | {"ExclusiveStartTableName":[]} | Unrecognized collection type class java.lang.String
            ListTables | {"ExclusiveStartTableName":{}} | Start of structure or map found where not expected
            ListTables | {"Limit":"23"} | STRING_VALUE cannot be converted to Integer
            ListTables | {"Limit":false} | FALSE_VALUE cannot be converted to Integer
            ListTables | {"Limit":[]} | Unrecognized collection type class java.lang.Integer
            GetItem | {"ConsistentRead":"23"} | Unexpected token received from parser
            GetItem | {"ConsistentRead":23} | NUMBER_VALUE cannot be converted to Boolean
            GetItem | {"ConsistentRead":34.56} | DECIMAL_VALUE cannot be converted to Boolean
            GetItem | {"AttributesToGet":23} | Unexpected field type
            GetItem | {"AttributesToGet":{}} | Start of structure or map found where not expected
            GetItem | {"AttributesToGet":[true]} | TRUE_VALUE cannot be converted to String
            GetItem | {"Key":"23"} | Unexpected field type
            GetItem | {"Key":[]} | Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>
            GetItem | {"Key":{"a":23}} | Unexpected value type in payload
            GetItem | {"Key":{"a":[]}} | Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue
            PutItem | {"Item":{"a":{"B":23}}} | only base-64-encoded strings are convertible to bytes
            PutItem | {"Item":{"a":{"B":[]}}} | Unrecognized collection type class java.nio.ByteBuffer
            PutItem | {"Item":{"a":{"B":"23456"}}} | Base64 encoded length is expected a multiple of 4 bytes but found: 5
            PutItem | {"Item":{"a":{"L":[23]}}} | Unexpected value type in payload
            PutItem | {"Item":{"a":{"M":{"b":{"SS":[true]}}}}} | TRUE_VALUE cannot be converted to String
            PutItem | {"Item":{"a":{"NULL":23}}} | NUMBER_VALUE cannot be converted to Boolean
            BatchWriteItem | {"RequestItems":{"t":23}} | Unexpected field type
            CreateTable | {"ProvisionedThroughput":"23"} | Unexpected field type
            CreateTable | {"ProvisionedThroughput":[]} | Unrecognized collection type class com.amazonaws.dynamodb.v20120810.ProvisionedThroughput
            CreateTable | {"ProvisionedThroughput":{"ReadCapacityUnits":"1"}} | STRING_VALUE cannot be converted to Long
            """)
    void refusesAMemberOfTheWrongJsonTypeWithTheServicesMessage(String operation, String body, String message) {
        assertThat(answer(operation, body))
                .isEqualTo("400 {\"__type\":\"com.amazon.coral.service#SerializationException\",\"Message\":\""
                        + message + "\"}");
    }

    @Test
    void reportsTheFirstMismatchInDocumentOrder() {
        assertThat(answer("ListTables", "{\"Limit\":\"x\",\"ExclusiveStartTableName\":5}"))
                .contains("STRING_VALUE cannot be converted to Integer");
        assertThat(answer("ListTables", "{\"ExclusiveStartTableName\":5,\"Limit\":\"x\"}"))
                .contains("NUMBER_VALUE cannot be converted to String");
    }

    @Test
    void readsNullAsAbsentAndIgnoresMembersTheShapeDoesNotKnow() {
        // the scripted ListTables echoes the start name it read after "a": none
        assertThat(answer("ListTables", "{\"ExclusiveStartTableName\":null,\"Bogus\":{\"x\":[1]}}"))
                .isEqualTo("200 {\"TableNames\":[\"a\",null]}");
    }

    @Test
    void answersABodyThatIsJsonButNotAnObjectWithTheBareCode() {
        assertThat(answer("ListTables", "[]"))
                .isEqualTo("400 {\"__type\":\"com.amazon.coral.service#SerializationException\"}");
    }

    @Test
    void readsAnEmptyBodyAsAnEmptyRequest() {
        assertThat(answer("ListTables", "")).startsWith("200 ");
    }
}
