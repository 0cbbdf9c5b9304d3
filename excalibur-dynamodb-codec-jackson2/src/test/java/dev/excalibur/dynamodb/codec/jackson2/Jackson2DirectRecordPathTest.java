package dev.excalibur.dynamodb.codec.jackson2;

import dev.excalibur.dynamodb.codec.DirectRecordPathContract;
import dev.excalibur.dynamodb.codec.DocumentCodec;

class Jackson2DirectRecordPathTest extends DirectRecordPathContract {

    private static final Jackson2DocumentCodec CODEC = Jackson2DocumentCodec.create();

    @Override
    protected DocumentCodec codec() {
        return CODEC;
    }
}
