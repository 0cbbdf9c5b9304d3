package dev.excalibur.dynamodb.spring;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.excalibur.dynamodb.codec.DocumentCodec;
import dev.excalibur.dynamodb.codec.jackson2.Jackson2DocumentCodec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@link DocumentCodec} the provider and the CDC runner map documents with: the Jackson 2 codec over
 * a copy of the context's {@link ObjectMapper} (Boot's, after its Jackson auto-configuration: the
 * application's modules, naming strategy and mix-ins apply) with the storage format pinned by
 * {@link Jackson2DocumentCodec#withStorageFormat}, so that items read the same whatever the application's
 * JSON settings and Boot line; without a (unique or primary) {@code ObjectMapper} bean, the codec's default.
 * A {@code DocumentCodec} bean of the application replaces this one and is used as it is.
 */
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration")
@ConditionalOnClass(Jackson2DocumentCodec.class)
public class ExcaliburDocumentCodecAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DocumentCodec excaliburDocumentCodec(ObjectProvider<ObjectMapper> objectMapper) {
        ObjectMapper applications = objectMapper.getIfUnique();
        return applications == null
                ? Jackson2DocumentCodec.create()
                : Jackson2DocumentCodec.of(Jackson2DocumentCodec.withStorageFormat(applications));
    }
}
