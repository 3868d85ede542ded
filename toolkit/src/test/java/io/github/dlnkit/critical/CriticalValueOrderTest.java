package io.github.dlnkit.critical;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A critical value's classes iterate in the enum's order whatever set they came in (notebooks loop over them). */
class CriticalValueOrderTest {
    @Test
    void classesIterateInEnumOrder() {
        List<PointClass> all = List.of(PointClass.values());
        for (int rot = 0; rot < all.size(); rot++) {
            List<PointClass> rotated = new ArrayList<>(all.subList(rot, all.size()));
            rotated.addAll(all.subList(0, rot));
            Set<PointClass> in = new java.util.LinkedHashSet<>(rotated);
            CriticalValue v = new CriticalValue(1.0, new int[]{1}, 1, in);
            assertEquals(all, new ArrayList<>(v.classes()), "rotation " + rot);
        }
        assertEquals(List.of(), new ArrayList<>(new CriticalValue(0, new int[0], 0, Set.of()).classes()));
    }
}
