package dev.excalibur.dynamodb.codec.jackson3;

import dev.excalibur.data.InternalApi;
import dev.excalibur.dynamodb.codec.DocumentCodec;
import dev.excalibur.dynamodb.codec.internal.DocumentCodecFactory;

/** Registers {@link Jackson3DocumentCodec} for {@link DocumentCodec#discover()}: preferred to Jackson 2's. */
@InternalApi
public final class Jackson3CodecFactory implements DocumentCodecFactory {

    /** Called by the service loader. */
    public Jackson3CodecFactory() {}

    @Override
    public int preference() {
        return 3;
    }

    @Override
    public boolean available() {
        return DocumentCodecFactory.present("tools.jackson.databind.json.JsonMapper", Jackson3CodecFactory.class);
    }

    @Override
    public DocumentCodec create() {
        return Jackson3DocumentCodec.create();
    }
}
