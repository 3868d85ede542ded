package io.github.dlnkit;

import io.github.dlnkit.bench.BenchRunner;
import io.github.dlnkit.critical.Classifier;
import io.github.dlnkit.plot.ChartOptions;
import io.github.dlnkit.regularized.CriticalSet;
import io.github.dlnkit.regularized.RegularizedGd;
import io.github.dlnkit.spectrum.Lanczos;
import io.github.dlnkit.spectrum.SpectralDensity;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * One contract for every options type: a record built by a builder, {@code toBuilder().build()} gives back an equal
 * record (defaults and non-defaults alike), changing one value through {@code toBuilder} changes only that value, and
 * invalid values are refused when the record is built.
 */
class OptionsContractTest {

    @Test
    void toBuilderRoundTripsDefaultsAndChangedValues() {
        roundTrip(Classifier.Options.defaults(), Classifier.Options.builder().hessian(true).witness(false).build());
        roundTrip(CriticalSet.Options.defaults(), CriticalSet.Options.builder().seed(7).maxPoints(12).hessian(false).build());
        roundTrip(SpectralDensity.Options.defaults(), SpectralDensity.Options.builder().probes(3).range(-1, 2).sigma(0.1).build());
        roundTrip(Lanczos.Options.defaults(), Lanczos.Options.builder().k(3).kBottom(1).tolerance(1e-8).seed(4).build());
        roundTrip(BenchRunner.Options.defaults(), BenchRunner.Options.builder().repeats(2).warmup(0).threads(1).build());
        roundTrip(RegularizedGd.Options.of(0.1, 100), RegularizedGd.Options.builder(0.1, 100).logEvery(7).build());
        roundTrip(ChartOptions.builder().build(), ChartOptions.builder().title("t").logY(true).build());
    }

    @Test
    void oneChangeThroughToBuilderChangesOneComponent() {
        CriticalSet.Options o = CriticalSet.Options.defaults();
        CriticalSet.Options p = o.toBuilder().seed(99).build();
        assertEquals(99, p.seed());
        assertEquals(o, p.toBuilder().seed(o.seed()).build());
        SpectralDensity.Options d = SpectralDensity.Options.defaults();
        assertEquals(SpectralDensity.DEFAULT_PROBES, d.probes());
        assertEquals(d, d.toBuilder().unitProbes(true).build().toBuilder().unitProbes(false).build());
        Lanczos.Options l = Lanczos.Options.defaults();
        assertEquals(l.kBottom(), l.toBuilder().k(l.k()).build().kBottom());
    }

    @Test
    void invalidValuesAreRefusedWhenBuilt() {
        assertThrows(IllegalArgumentException.class, () -> CriticalSet.Options.builder().maxPoints(0).build());
        assertThrows(IllegalArgumentException.class, () -> SpectralDensity.Options.builder().steps(0).build());
        assertThrows(IllegalArgumentException.class, () -> Lanczos.Options.builder().k(0).build());
        assertThrows(IllegalArgumentException.class, () -> BenchRunner.Options.builder().repeats(0).build());
        assertThrows(IllegalArgumentException.class, () -> RegularizedGd.Options.builder(0.1, 10).logEvery(0).build());
    }

    private static <T extends Record> void roundTrip(T defaults, T changed) {
        assertNotEquals(defaults, changed, "the changed options differ from the defaults");
        for (T o : java.util.List.of(defaults, changed)) {
            assertEquals(o, rebuild(o), o.getClass().getName());
        }
    }

    private static Object rebuild(Record o) {
        try {
            Object b = o.getClass().getMethod("toBuilder").invoke(o);
            return b.getClass().getMethod("build").invoke(b);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(o.getClass().getName() + " has no toBuilder().build()", e);
        }
    }
}
