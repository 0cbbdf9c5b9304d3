package dev.excalibur.data.cloudnative;

record SimplePartitionKey(String value, String path) implements PartitionKey {

    SimplePartitionKey {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("partition key value must not be null or blank");
        }
    }
}
