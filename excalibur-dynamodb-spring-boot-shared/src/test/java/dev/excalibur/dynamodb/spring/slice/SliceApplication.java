package dev.excalibur.dynamodb.spring.slice;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application whose tests use {@code @DynamoDbTest}. */
@SpringBootApplication
class SliceApplication {}
