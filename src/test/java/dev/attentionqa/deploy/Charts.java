package dev.attentionqa.deploy;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Renders and lints the chart with the value sets in src/test/resources/deploy. */
final class Charts {

    static final String RELEASE = "qa";
    static final String NAMESPACE = "qa";

    private Charts() {
    }

    /** Value files by set name; "default" uses none. */
    static List<String> valueArgs(String set, String... extra) {
        List<String> args = new ArrayList<>();
        if (!set.equals("default")) {
            args.add("-f");
            args.add("src/test/resources/deploy/values-" + set + ".yaml");
        }
        args.addAll(List.of(extra));
        return args;
    }

    /** {@code helm template} output, parsed; fails with helm's message when rendering fails. */
    static Rendered render(String set, String... extra) throws Exception {
        HelmTool.Result result = template(set, extra);
        assertThat(result.exitCode()).as("helm template (%s): %s", set, result.stderr()).isZero();
        return Rendered.parse(result.stdout());
    }

    static HelmTool.Result template(String set, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("template", RELEASE, HelmTool.CHART.toString(), "--namespace", NAMESPACE));
        args.addAll(valueArgs(set, extra));
        return HelmTool.helm(args);
    }

    static HelmTool.Result lint(String set) throws Exception {
        List<String> args = new ArrayList<>(List.of("lint", "--strict", HelmTool.CHART.toString()));
        args.addAll(valueArgs(set));
        return HelmTool.helm(args);
    }
}
