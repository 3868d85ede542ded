"""Executes dlnkit's notebooks on a real Java kernel and checks what they show.

Run by scripts/run-notebooks.sh with Debian's /usr/bin/python3 (nbclient, nbformat, nbconvert from Debian's packages)
and JUPYTER_PATH pointing at the kernelspec "java" that scripts/lib/java-kernel.sh installed.

For every notebooks/NN-*.ipynb (or the ones named on the command line):
  * the committed notebook stays IJava-pure; IJava's line magic `%jars PATH` is rewritten to the CI kernel's
    equivalent `%jar PATH` in the copy that is executed, and the executed copy gets the original sources back;
  * a kernel start that hangs (no reply to kernel_info within --start-timeout, or the first cell not answering
    within 3x that) is retried with a fresh kernel, --retries times. rapaio-jupyter-kernel 3.0.1 sometimes never
    receives anything on its shell socket although it bound it (about one start in four on a busy 2-core machine);
    a fresh kernel then starts normally;
  * every other cell has --timeout seconds; a timeout is a failure (hung kernel or too slow a cell);
  * a failure is any `error` output, a dead kernel, a timeout, or a cell that should show a chart (tagged "chart",
    or ending in an expression that builds one) without an `image/png` output;
  * the executed notebook is written to notebooks/out/NN-*.ipynb, every figure to notebooks/out/figures/NN-*-K.png
    and, with --html, the notebook is rendered to notebooks/out/NN-*.html (figures embedded).
Prints one line per notebook with its time, and closes with "notebooks: N passed, M failed".
"""
import argparse
import asyncio
import base64
import os
import re
import sys
import time
import traceback

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbclient.util import ensure_async

IJAVA_JARS = re.compile(r"^%jars\s+(.+?)\s*$")
# A cell that ends in one of these expressions is expected to show an image.
CHART_EXPRESSION = re.compile(r"(\bCharts\.\w+\(|getBufferedImage\(|\bBufferedImage\b|\.toImage\(|\.image\(\))")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def to_kernel_source(source):
    """IJava's `%jars a.jar b.jar` -> rapaio's `%jar a.jar` lines; everything else unchanged."""
    lines = []
    for line in source.splitlines():
        m = IJAVA_JARS.match(line.strip())
        if m:
            lines.extend("%jar " + p for p in m.group(1).split())
        else:
            lines.append(line)
    return "\n".join(lines)


def last_statement(source):
    lines = [l.strip() for l in source.splitlines()]
    lines = [l for l in lines if l and not l.startswith("//")]
    return lines[-1] if lines else ""


def expects_chart(cell):
    tags = cell.get("metadata", {}).get("tags", [])
    if "chart" in tags:
        return True
    if "no-chart" in tags:
        return False
    last = last_statement(cell.source)
    return not last.endswith(";") and not last.endswith("}") and bool(CHART_EXPRESSION.search(last))


def is_magic_cell(cell):
    lines = [l.strip() for l in cell.source.splitlines() if l.strip()]
    return bool(lines) and all(l.startswith("%") for l in lines)


def error_text(output):
    tb = output.get("traceback") or []
    text = "\n".join(ANSI.sub("", t) for t in tb) or "%s: %s" % (output.get("ename"), output.get("evalue"))
    return text.strip()


class PatientClient(NotebookClient):
    """Waits, after starting the kernel process, until the kernel has bound its five channels (its log says
    "Binding" five times) and then `settle` seconds more, before the first kernel_info request is sent.
    rapaio-jupyter-kernel 3.0.1 starts polling its shell socket before its message handlers are registered; a
    request arriving in that window kills the shell thread (NullPointerException in Channels.getHandler) and the
    kernel never answers: the "hung start" this runner otherwise has to retry."""

    def __init__(self, nb, log_path, log_offset, settle, **kw):
        super().__init__(nb, **kw)
        self._log_path = log_path
        self._log_offset = log_offset
        self._settle = settle

    async def async_start_new_kernel(self, **kwargs):
        await super().async_start_new_kernel(**kwargs)
        deadline = time.time() + self.startup_timeout
        while time.time() < deadline:
            text = self._kernel_log()
            if "NullPointerException" in text:
                await self._abandon()
            if text.count("Binding") >= 5:
                break
            await asyncio.sleep(0.1)
        await asyncio.sleep(self._settle)
        if "NullPointerException" in self._kernel_log():
            await self._abandon()

    async def _abandon(self):
        """Kills a kernel whose shell thread died (it would never answer) and reports a hung start at once."""
        try:
            await ensure_async(self.km.shutdown_kernel(now=True))
        except Exception:
            pass
        raise HungStart("the kernel's shell thread died at start (NullPointerException in its log)")

    def _kernel_log(self):
        with open(self._log_path, errors="replace") as f:
            f.seek(self._log_offset)
            return f.read()


class NotebookFailure(Exception):
    pass


class HungStart(Exception):
    pass


def execute_once(path, nb, args, log, settle):
    """Executes nb (sources already rewritten) on a fresh kernel, checking each cell as it completes."""
    code_cells = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    first = code_cells[0] if code_cells else None

    def timeout_for(cell):
        # the first cell also starts JShell inside the kernel: allow it a few start timeouts
        return 3 * args.start_timeout if first is not None and cell is nb.cells[first] else args.timeout

    client = PatientClient(nb, log.name, log.tell(), settle, timeout_func=timeout_for,
                           startup_timeout=args.start_timeout,
                           kernel_name=args.kernel, allow_errors=True, record_timing=True,
                           resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    try:
        with client.setup_kernel(stdout=log, stderr=log):
            for i in code_cells:
                cell = nb.cells[i]
                try:
                    client.execute_cell(cell, i)
                except (CellTimeoutError, TimeoutError) as e:
                    if i == first:
                        raise HungStart("first cell did not answer within %ss" % (3 * args.start_timeout)) from e
                    raise NotebookFailure("cell %d timed out after %ss (hung kernel or too slow a cell):\n%s"
                                          % (i, args.timeout, cell.source)) from e
                except DeadKernelError as e:
                    if i == first:
                        raise HungStart("kernel died at start") from e
                    raise NotebookFailure("kernel died in cell %d:\n%s" % (i, cell.source)) from e
                errors = [o for o in cell.outputs if o.get("output_type") == "error"]
                if errors:
                    raise NotebookFailure("error in cell %d:\n%s\n--- output:\n%s"
                                          % (i, cell.source, "\n".join(error_text(o) for o in errors)))
                if expects_chart(cell) and not any("image/png" in o.get("data", {}) for o in cell.outputs):
                    raise NotebookFailure("cell %d should show a chart but has no image/png output:\n%s"
                                          % (i, cell.source))
    except RuntimeError as e:
        # kernel_info never answered (nbclient raises RuntimeError on startup_timeout)
        if client.kc is None or "Kernel didn't respond" in str(e) or "Kernel died" in str(e):
            raise HungStart(str(e)) from e
        raise


def run_notebook(path, args, out_dir, html_exporter):
    original = nbformat.read(path, as_version=4)
    kernelspec = original.metadata.get("kernelspec", {})
    if kernelspec.get("name") != "java":
        raise NotebookFailure("kernelspec is %r, expected {name: java, language: java} (IJava's)" % kernelspec)
    code = [c for c in original.cells if c.cell_type == "code"]
    if not code or not is_magic_cell(code[0]) or not code[0].source.strip().startswith("%jars "):
        raise NotebookFailure("first code cell must hold only `%jars ../toolkit/target/dlnkit-all.jar`")
    name = os.path.splitext(os.path.basename(path))[0]
    log_path = os.path.join(out_dir, name + ".kernel.log")
    last = None
    for attempt in range(1, args.retries + 2):
        nb = nbformat.read(path, as_version=4)
        for c in nb.cells:
            if c.cell_type == "code":
                c.source = to_kernel_source(c.source)
        with open(log_path, "a") as log:
            log.write("=== attempt %d\n" % attempt)
            log.flush()
            try:
                # a loaded machine registers the kernel's handlers later: wait longer on each retry
                execute_once(path, nb, args, log, args.settle * attempt)
                last = None
                break
            except HungStart as e:
                last = e
                print("  kernel start hung (%s), attempt %d of %d" % (e, attempt, args.retries + 1), flush=True)
    if last is not None:
        raise NotebookFailure("kernel start hung %d times: %s" % (args.retries + 1, last))
    for c, o in zip(nb.cells, original.cells):
        c.source = o.source
    nbformat.write(nb, os.path.join(out_dir, name + ".ipynb"))
    if html_exporter is not None:
        body, _ = html_exporter.from_notebook_node(nb)
        with open(os.path.join(out_dir, name + ".html"), "w", encoding="utf-8") as f:
            f.write(body)
    images = 0
    fig_dir = os.path.join(out_dir, "figures")
    os.makedirs(fig_dir, exist_ok=True)
    for c in nb.cells:
        for o in c.get("outputs", []):
            png = o.get("data", {}).get("image/png")
            if png:
                images += 1
                with open(os.path.join(fig_dir, "%s-%d.png" % (name, images)), "wb") as f:
                    f.write(base64.b64decode(png))
    return images


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("notebooks", nargs="*", help="notebooks to run (default: notebooks/NN-*.ipynb)")
    p.add_argument("--html", action="store_true", help="also render HTML with the figures into notebooks/out/")
    p.add_argument("--timeout", type=int, default=300, help="seconds per cell (default 300)")
    p.add_argument("--start-timeout", type=int, default=10,
                   help="seconds for a started kernel to answer kernel_info (default 10; the first cell gets 3x)")
    p.add_argument("--retries", type=int, default=8, help="retries of a hung kernel start (default 8)")
    p.add_argument("--settle", type=float, default=1.5,
                   help="seconds to wait after the kernel bound its channels, before talking to it; attempt k waits "
                        "k times as long (default 1.5)")
    p.add_argument("--kernel", default="java", help="kernelspec name (default java)")
    p.add_argument("--root", default=os.getcwd(), help="repository root (default: current directory)")
    args = p.parse_args()

    nb_dir = os.path.join(args.root, "notebooks")
    out_dir = os.path.join(nb_dir, "out")
    os.makedirs(out_dir, exist_ok=True)
    paths = args.notebooks or sorted(os.path.join(nb_dir, f) for f in os.listdir(nb_dir)
                                     if re.match(r"^\d\d-.*\.ipynb$", f))
    if not paths:
        print("no notebooks found in %s" % nb_dir, file=sys.stderr)
        return 1
    html_exporter = None
    if args.html:
        from nbconvert import HTMLExporter
        html_exporter = HTMLExporter()
    passed, failed = 0, 0
    total = time.time()
    for path in paths:
        t0 = time.time()
        try:
            images = run_notebook(path, args, out_dir, html_exporter)
            passed += 1
            print("PASS %-40s %6.1f s  %d figures" % (os.path.basename(path), time.time() - t0, images), flush=True)
        except NotebookFailure as e:
            failed += 1
            print("FAIL %-40s %6.1f s\n%s" % (os.path.basename(path), time.time() - t0, e), flush=True)
        except Exception:  # noqa: BLE001 - report and go on with the next notebook
            failed += 1
            print("FAIL %-40s %6.1f s\n%s" % (os.path.basename(path), time.time() - t0, traceback.format_exc()),
                  flush=True)
    print("total %.1f s; executed notebooks%s in %s" % (time.time() - total, " and HTML" if args.html else "",
                                                        os.path.relpath(out_dir, args.root)))
    print("notebooks: %d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
