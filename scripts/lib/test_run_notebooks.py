"""Tests of the stale-output check of run_notebooks.py (no kernel needed):
   /usr/bin/python3 -m unittest discover -s scripts/lib -p 'test_*.py'   (run by scripts/test.sh)"""
import base64
import unittest

import nbformat

import run_notebooks as rn


def png(w, h):
    header = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + w.to_bytes(4, "big") + h.to_bytes(4, "big") + b"\x08\x02"
    return base64.b64encode(header + b"\x00" * 40).decode()


def notebook(text, image=(760, 420), tags=()):
    nb = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell("System.out.println(x);", metadata={"tags": list(tags)})
    code.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text),
                    nbformat.v4.new_output("display_data", data={"image/png": png(*image), "text/plain": "img"})]
    nb.cells = [nbformat.v4.new_markdown_cell("# t"), code]
    return rn.tidy(nb)


class CompareTest(unittest.TestCase):
    def check(self, old, new, **kw):
        return rn.compare(notebook(old, **{k: v for k, v in kw.items() if k != "new_image"}),
                          notebook(new, image=kw.get("new_image", (760, 420)), tags=kw.get("tags", ())), 1e-6)

    def test_identical_and_blas_noise_pass(self):
        self.assertEqual([], self.check("min = -5.656854249492381\n", "min = -5.656854249492380\n"))
        self.assertEqual([], self.check("gap 1.07e-14\n", "gap 9.9e-15\n"))            # both rounding noise
        self.assertEqual([], self.check("value 0.123456\n", "value 0.123457\n"))       # last printed digit
        self.assertEqual([], self.check("x = -0.0\n", "x = 0.0\n"))
        self.assertEqual([], self.check("100 runs in 0.8 s\n", "100 runs in 12.5 s\n"))   # durations

    def test_changed_results_fail(self):
        self.assertTrue(self.check("median 112\n", "median 113\n"))                    # integers are exact
        self.assertTrue(self.check("min = -5.656854\n", "min = -5.656954\n"))
        self.assertTrue(self.check("gap 1.0e-3\n", "gap 1.0e-14\n"))
        self.assertTrue(self.check("class STRICT_SADDLE\n", "class NON_STRICT_SADDLE\n"))
        self.assertTrue(self.check("a\nb\n", "a\n"))

    def test_images_by_count_and_size(self):
        self.assertTrue(self.check("a\n", "a\n", new_image=(640, 420)))

    def test_timing_cells_compare_shape_only(self):
        self.assertEqual([], self.check("took 3.1 s\n", "took 17.9 s\n", tags=["timing"]))
        self.assertTrue(self.check("took 3.1 s\n", "took 3.1 s\n", tags=["timing"], new_image=(10, 10)))

    def test_uncommitted_outputs_fail(self):
        old = notebook("a\n")
        old.cells[1].outputs = []
        self.assertTrue(rn.compare(old, notebook("a\n"), 1e-6))

    def test_tidy_merges_streams_and_drops_image_text(self):
        nb = notebook("a\n")
        nb.cells[1].outputs.insert(1, nbformat.v4.new_output("stream", name="stdout", text="b\n"))
        rn.tidy(nb)
        self.assertEqual("a\nb\n", nb.cells[1].outputs[0].text)
        self.assertNotIn("text/plain", nb.cells[1].outputs[1].data)
        nb.cells[1].outputs.append(nbformat.v4.new_output(
            "execute_result", data={"text/plain": "f2d639a7-f490-417e-a406-c6569b65ff68"}, execution_count=1))
        rn.tidy(nb)
        self.assertEqual(2, len(nb.cells[1].outputs), "the display id of a cell ending in display(...) is dropped")

    def test_fallback_kernel_translation_only(self):
        src = '%jars ../toolkit/target/dlnkit-all.jar'
        self.assertEqual(src, rn.to_kernel_source(src, "ijava"))
        self.assertEqual("%jar ../toolkit/target/dlnkit-all.jar", rn.to_kernel_source(src, "rapaio"))
        self.assertEqual('org.rapaio.jupyter.kernel.global.Global.display("text/html", Tables.html(t, 3))',
                         rn.to_kernel_source('display(Tables.html(t, 3), "text/html")', "rapaio"))

    def test_fallback_translates_calls_over_several_lines_and_leaves_others(self):
        src = ('display(Tables.html(Table.create("a, b)", x,\n        y).sortOn("p")), "text/html");\n'
               'chart.display(1, "text/html");\ndisplay(image);')
        want = ('org.rapaio.jupyter.kernel.global.Global.display("text/html", Tables.html(Table.create("a, b)", x,\n'
                '        y).sortOn("p")));\nchart.display(1, "text/html");\ndisplay(image);')
        self.assertEqual(want, rn.to_kernel_source(src, "rapaio"))
        self.assertEqual(src, rn.to_kernel_source(src, "ijava"))

    def test_tidy_drops_fallback_display_id_and_jars_note(self):
        nb = notebook("a\n")
        nb.cells[1].outputs.append(nbformat.v4.new_output(
            "execute_result", data={"text/html": "10fc2b81-5bf9-42f2-a8bc-7044a326ec5b"}, execution_count=1))
        jars = nbformat.v4.new_code_cell("%jars ../toolkit/target/dlnkit-all.jar")
        jars.outputs = [nbformat.v4.new_output("stream", name="stdout", text="Add x.jar to classpath")]
        nb.cells.insert(0, jars)
        rn.tidy(nb)
        self.assertEqual([], nb.cells[0].outputs)
        self.assertEqual(2, len(nb.cells[2].outputs))


if __name__ == "__main__":
    unittest.main()
