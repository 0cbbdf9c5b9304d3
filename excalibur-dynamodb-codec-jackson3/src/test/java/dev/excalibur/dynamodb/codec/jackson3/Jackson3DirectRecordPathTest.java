package dev.excalibur.dynamodb.codec.jackson3;

import dev.excalibur.dynamodb.codec.DirectRecordPathContract;
import dev.excalibur.dynamodb.codec.DocumentCodec;

class Jackson3DirectRecordPathTest extends DirectRecordPathContract {

    private static final Jackson3DocumentCodec CODEC = Jackson3DocumentCodec.create();

    @Override
    protected DocumentCodec codec() {
        return CODEC;
    }
}
