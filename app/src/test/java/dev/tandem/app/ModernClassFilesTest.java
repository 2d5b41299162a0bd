package dev.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Opcode;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.AccessFlag;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/** The launcher's rewrite of Java 5 class files for the ahead-of-time cache: same behaviour, version 52 with stack maps. */
class ModernClassFilesTest {
    private static final ClassDesc OLD = ClassDesc.of("dev.tandem.app.OldStyle");

    /** {@code static int sign(int x) { return x < 0 ? -1 : x == 0 ? 0 : 1; }} as a Java 5 class file (no stack maps). */
    private static byte[] java5Class() {
        return ClassFile.of(ClassFile.StackMapsOption.DROP_STACK_MAPS).build(OLD, c -> {
            c.withVersion(49, 0);
            c.withFlags(AccessFlag.PUBLIC, AccessFlag.SUPER);
            c.withSuperclass(ConstantDescs.CD_Object);
            c.withMethodBody(
                    "sign",
                    MethodTypeDesc.of(ConstantDescs.CD_int, ConstantDescs.CD_int),
                    ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC,
                    ModernClassFilesTest::sign);
        });
    }

    private static void sign(CodeBuilder b) {
        var negative = b.newLabel();
        var zero = b.newLabel();
        b.iload(0).branch(Opcode.IFLT, negative);
        b.iload(0).branch(Opcode.IFEQ, zero);
        b.iconst_1().ireturn();
        b.labelBinding(negative);
        b.iconst_m1().ireturn();
        b.labelBinding(zero);
        b.iconst_0().ireturn();
    }

    @Test
    void aJava5ClassBecomesVersion52WithStackMapsAndBehavesTheSame() throws Exception {
        byte[] old = java5Class();
        assertThat(ClassFile.of().parse(old).majorVersion()).isEqualTo(49);

        byte[] modern = ModernClassFiles.modernize(old, ClassFile.of(ClassFile.StackMapsOption.GENERATE_STACK_MAPS));

        var model = ClassFile.of().parse(modern);
        assertThat(model.majorVersion()).isEqualTo(ModernClassFiles.TARGET_MAJOR);
        var code = model.methods().getFirst().code().orElseThrow();
        assertThat(code.findAttribute(Attributes.stackMapTable())).isPresent();
        // the type-checking verifier accepts it, and it answers as before
        Class<?> loaded = MethodHandles.lookup().defineHiddenClass(modern, true).lookupClass();
        Method sign = loaded.getMethod("sign", int.class);
        assertThat(sign.invoke(null, -5)).isEqualTo(-1);
        assertThat(sign.invoke(null, 0)).isEqualTo(0);
        assertThat(sign.invoke(null, 7)).isEqualTo(1);
    }

    @Test
    void aClassNewEnoughIsLeftAsItIs() {
        byte[] current = ClassFile.of().build(ClassDesc.of("dev.tandem.app.NewStyle"), c -> {});
        assertThat(ModernClassFiles.modernize(current, ClassFile.of())).isSameAs(current);
    }
}
