package dev.excalibur.dynamodb.codec.jackson2;

import dev.excalibur.data.InternalApi;
import dev.excalibur.dynamodb.codec.DocumentCodec;
import dev.excalibur.dynamodb.codec.internal.DocumentCodecFactory;

/** Registers {@link Jackson2DocumentCodec} for {@link DocumentCodec#discover()}: second to Jackson 3's. */
@InternalApi
public final class Jackson2CodecFactory implements DocumentCodecFactory {

    /** Called by the service loader. */
    public Jackson2CodecFactory() {}

    @Override
    public int preference() {
        return 2;
    }

    @Override
    public boolean available() {
        return DocumentCodecFactory.present(
                        "com.fasterxml.jackson.databind.json.JsonMapper", Jackson2CodecFactory.class)
                && DocumentCodecFactory.present(
                        "com.fasterxml.jackson.datatype.jsr310.JavaTimeModule", Jackson2CodecFactory.class);
    }

    @Override
    public DocumentCodec create() {
        return Jackson2DocumentCodec.create();
    }
}
