package dev.excalibur.dynamodb.codec.jackson3;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.Version;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedConstructor;

/**
 * Calls the constructor that takes all properties (a record's canonical constructor, say) through a method
 * handle spread once per type. Jackson 3 calls it with {@code MethodHandle.invokeWithArguments}, which on Java
 * 17 builds a spreading handle on every call: a few hundred bytes and most of the creator's time. Same
 * arguments, same exceptions (wrapped as Jackson wraps them); other creators are left to Jackson.
 */
final class SpreadCreators extends JacksonModule implements ValueInstantiators {

    private static final MethodType SPREAD = MethodType.methodType(Object.class, Object[].class);

    @Override
    public String getModuleName() {
        return "excalibur-spread-creators";
    }

    @Override
    public Version version() {
        return Version.unknownVersion();
    }

    @Override
    public void setupModule(SetupContext context) {
        context.addValueInstantiators(this);
    }

    @Override
    public @Nullable ValueInstantiator findValueInstantiator(
            DeserializationConfig config, BeanDescription.Supplier beanDescRef) {
        return null;
    }

    @Override
    public ValueInstantiator modifyValueInstantiator(
            DeserializationConfig config, BeanDescription.Supplier beanDescRef, ValueInstantiator instantiator) {
        if (instantiator.getClass() == StdValueInstantiator.class
                && ((StdValueInstantiator) instantiator).getWithArgsCreator() instanceof AnnotatedConstructor) {
            return new Spread((StdValueInstantiator) instantiator);
        }
        return instantiator;
    }

    /** Jackson's instantiator with the constructor call replaced; the handle is made on first use. */
    private static final class Spread extends StdValueInstantiator {

        private final Constructor<?> constructor;
        /** The spread constructor; null until first use or when it cannot be made (then Jackson's call runs). */
        private @Nullable MethodHandle spread;

        private boolean unavailable;

        Spread(StdValueInstantiator original) {
            super(original);
            this.constructor = ((AnnotatedConstructor) original.getWithArgsCreator()).getAnnotated();
        }

        @Override
        public Object createFromObjectWith(DeserializationContext context, Object[] args) {
            MethodHandle handle = spread();
            if (handle == null) {
                return super.createFromObjectWith(context, args);
            }
            try {
                return handle.invokeExact(args);
            } catch (Exception e) {
                return context.handleInstantiationProblem(_valueClass, args, rewrapCtorProblem(context, e));
            } catch (Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        private @Nullable MethodHandle spread() {
            MethodHandle handle = spread;
            if (handle == null && !unavailable) {
                try {
                    // Jackson has made the constructor accessible when its access rules allow
                    handle = MethodHandles.lookup()
                            .unreflectConstructor(constructor)
                            .asFixedArity()
                            .asSpreader(Object[].class, constructor.getParameterCount())
                            .asType(SPREAD);
                    spread = handle;
                } catch (IllegalAccessException e) {
                    unavailable = true;
                }
            }
            return handle;
        }
    }
}
