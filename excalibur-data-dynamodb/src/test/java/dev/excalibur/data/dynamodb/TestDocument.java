package dev.excalibur.data.dynamodb;

/** The document of the .NET package's provider conformance suite. */
record TestDocument(String id, String name, int value) {

    TestDocument withName(String newName) {
        return new TestDocument(id, newName, value);
    }

    TestDocument withValue(int newValue) {
        return new TestDocument(id, name, newValue);
    }
}
