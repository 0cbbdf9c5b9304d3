package dev.excalibur.dynamodb.spring.slice;

import org.springframework.stereotype.Service;

/** A service of the application, which a {@code @DynamoDbTest} leaves out. */
@Service
class OrderService {}
