package org.orchestrator.server.dagbag;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses bundles whose classes call {@code System.exit}, {@code Runtime.exit} or
 * {@code Runtime.halt}: since JDK 24 there is no security manager to stop such a call, and it
 * would end the whole server.
 *
 * <p>Why a class-file check and not a child JVM: it is cheap enough to run on every bundle of
 * every scan (a thousand bundles load in seconds, not a thousand JVM starts), and it covers a
 * call anywhere in the bundle, in a task as much as in a provider constructor, not just the code
 * that happens to run while loading. It reads only the constant pool (any direct call to a method
 * needs a {@code Methodref} entry there), so it needs no class-file library and works with any
 * class-file version. It is a guard against mistakes, not a sandbox: a call made through
 * reflection or a method handle looked up by name is not seen.
 */
final class ExitCallScanner {

    private static final Set<String> FORBIDDEN = Set.of("java/lang/System.exit", "java/lang/Runtime.exit",
            "java/lang/Runtime.halt");

    // Constant pool tags (JVMS 4.4).
    private static final int UTF8 = 1;
    private static final int INTEGER = 3;
    private static final int FLOAT = 4;
    private static final int LONG = 5;
    private static final int DOUBLE = 6;
    private static final int CLASS = 7;
    private static final int STRING = 8;
    private static final int FIELDREF = 9;
    private static final int METHODREF = 10;
    private static final int INTERFACE_METHODREF = 11;
    private static final int NAME_AND_TYPE = 12;
    private static final int METHOD_HANDLE = 15;
    private static final int METHOD_TYPE = 16;
    private static final int DYNAMIC = 17;
    private static final int INVOKE_DYNAMIC = 18;
    private static final int MODULE = 19;
    private static final int PACKAGE = 20;

    private ExitCallScanner() {
    }

    /**
     * @param bundle  the bundle's name, for the message
     * @param classes class name → class file
     * @throws BundleException naming the first class that calls one of the forbidden methods
     */
    static void check(String bundle, Map<String, byte[]> classes) {
        classes.forEach((name, bytes) -> forbiddenCall(bytes).ifPresent(call -> {
            throw new BundleException(bundle + ": class " + name + " calls " + call.replace('/', '.')
                    + ", which would stop the whole server; fail the task (throw) instead");
        }));
    }

    /** @return the first forbidden method the class file refers to, as {@code java/lang/System.exit} */
    static Optional<String> forbiddenCall(byte[] classFile) {
        try {
            return ConstantPool.read(classFile).methodRefs().stream().filter(FORBIDDEN::contains).findFirst();
        } catch (IOException | RuntimeException e) {
            throw new BundleException("cannot read a class file: " + e.getMessage(), e);
        }
    }

    /** The parts of a constant pool needed to name the methods a class calls. */
    private record ConstantPool(int[] tags, String[] utf8, int[] first, int[] second) {

        static ConstantPool read(byte[] classFile) throws IOException {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
            if (in.readInt() != 0xCAFEBABE) {
                throw new IOException("not a class file");
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            ConstantPool pool = new ConstantPool(new int[count], new String[count], new int[count], new int[count]);
            for (int i = 1; i < count; i++) {
                i += pool.readEntry(in, i);
            }
            return pool;
        }

        /** @return how many extra slots the entry takes (longs and doubles take two) */
        private int readEntry(DataInputStream in, int i) throws IOException {
            int tag = in.readUnsignedByte();
            tags[i] = tag;
            switch (tag) {
                case UTF8 -> utf8[i] = in.readUTF();
                case CLASS, STRING, METHOD_TYPE, MODULE, PACKAGE -> first[i] = in.readUnsignedShort();
                case FIELDREF, METHODREF, INTERFACE_METHODREF, NAME_AND_TYPE, DYNAMIC, INVOKE_DYNAMIC -> {
                    first[i] = in.readUnsignedShort();
                    second[i] = in.readUnsignedShort();
                }
                case INTEGER, FLOAT -> in.readInt();
                case LONG, DOUBLE -> {
                    in.readLong();
                    return 1;
                }
                case METHOD_HANDLE -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at " + i);
            }
            return 0;
        }

        List<String> methodRefs() {
            List<String> refs = new ArrayList<>();
            for (int i = 1; i < tags.length; i++) {
                if (tags[i] == METHODREF || tags[i] == INTERFACE_METHODREF) {
                    String owner = utf8[first[first[i]]];
                    String name = utf8[first[second[i]]];
                    refs.add(owner + "." + name);
                }
            }
            return refs;
        }
    }
}
