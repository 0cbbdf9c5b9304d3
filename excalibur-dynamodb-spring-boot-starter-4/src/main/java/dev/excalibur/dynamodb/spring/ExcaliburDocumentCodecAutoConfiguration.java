package dev.excalibur.dynamodb.spring;

import dev.excalibur.dynamodb.codec.DocumentCodec;
import dev.excalibur.dynamodb.codec.jackson3.Jackson3DocumentCodec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link DocumentCodec} the provider and the CDC runner map documents with: the Jackson 3 codec over
 * a copy of the context's {@link JsonMapper} (Boot's, after its Jackson auto-configuration: the
 * application's modules, naming strategy and mix-ins apply) with the storage format pinned by
 * {@link Jackson3DocumentCodec#withStorageFormat}, so that items read the same whatever the application's
 * JSON settings and Boot line; without a (unique or primary) {@code JsonMapper} bean, the codec's default.
 * A {@code DocumentCodec} bean of the application replaces this one and is used as it is.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass(Jackson3DocumentCodec.class)
public class ExcaliburDocumentCodecAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DocumentCodec excaliburDocumentCodec(ObjectProvider<JsonMapper> jsonMapper) {
        JsonMapper applications = jsonMapper.getIfUnique();
        return applications == null
                ? Jackson3DocumentCodec.create()
                : Jackson3DocumentCodec.of(Jackson3DocumentCodec.withStorageFormat(applications));
    }
}
