"""Executes dlnkit's notebooks on a real Java kernel, checks what they show, and keeps the committed outputs fresh.

Run by scripts/run-notebooks.sh with Debian's /usr/bin/python3 (nbclient, nbformat, nbconvert from Debian's packages)
and JUPYTER_PATH pointing at the kernelspec "java" that scripts/lib/java-kernel.sh installed: IJava 1.3.0 (the kernel
Binder installs) when ../shared/ijava-1.3.0 exists, else rapaio-jupyter-kernel from Maven Central (--flavour).

Modes (one notebook at a time, notebooks/NN-*.ipynb or the ones named on the command line):
  * default (check): execute, then compare the fresh outputs with the ones committed in notebooks/NN-*.ipynb and fail
    on any difference that matters (see `compare`). The executed copy goes to notebooks/out/ for inspection.
  * --update: execute and write the outputs back into notebooks/NN-*.ipynb (atomically), and every figure of a cell
    whose metadata names one ("figure": "NAME") to notebooks/figures/NAME.png (the index's thumbnails).
  * --html (with either): render each executed notebook to docs/notebooks/NN-*.html, figures inline.

A notebook also fails on any `error` output, a dead kernel, a cell timeout, or a cell that should show a chart (tagged
"chart", or ending in an expression that builds one) without an `image/png` output. Notebooks without code cells
(00-index) are not executed; they are only rendered with --html.

On IJava every notebook runs unchanged. On the fallback kernel (rapaio 3.0.1) two spellings differ and are rewritten
in the executed copy only (the original sources are put back): IJava's `%jars PATH` -> `%jar PATH`, and IJava's
`display(x, "text/html")` -> rapaio's `Global.display("text/html", x)` (a call on one line; fully qualified because
rapaio's static import of `Global.*` is lost once a cell repeats one of its start-up imports, e.g. `import java.util.*;`). rapaio's kernel sometimes hangs
at start; such a start is retried with a fresh kernel (--retries).
"""
import argparse
import asyncio
import base64
import math
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
RAPAIO_DISPLAY = "org.rapaio.jupyter.kernel.global.Global.display"
DISPLAY_CALL = re.compile(r"(?<![\w.])display\(")
MIME_LAST = re.compile(r"(,\s*)(\"text/[a-z]+\")\s*$")
# A cell that ends in one of these expressions is expected to show an image.
CHART_EXPRESSION = re.compile(r"(\bCharts\.\w+\(|getBufferedImage\(|\bBufferedImage\b|\.toImage\(|\.image\(\))")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")
DISPLAY_ID = re.compile(r"^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?$")
IDENTITY_HASH = re.compile(r"@[0-9a-f]{5,8}\b")
# a wall-clock duration as the notebooks print it ("in 7.0 s", "14.6 s:"): never compared
DURATION = re.compile(r"\b\d+(?:\.\d+)? (?:s|ms)\b")
NOISE_FLOOR = 1e-9


# ---------------------------------------------------------------- kernel-specific spellings

def to_kernel_source(source, flavour):
    """The cell as the kernel must see it: unchanged on IJava; two IJava spellings translated for rapaio."""
    if flavour == "ijava":
        return source
    lines = []
    for line in source.splitlines():
        m = IJAVA_JARS.match(line.strip())
        if m:
            lines.extend("%jar " + p for p in m.group(1).split())
        else:
            lines.append(line)
    return translate_display("\n".join(lines))


def translate_display(source):
    """Every IJava call `display(x, "text/...")` (possibly over several lines) as rapaio's fully qualified
    `Global.display("text/...", x)`; other calls are left alone."""
    out, i = [], 0
    for m in DISPLAY_CALL.finditer(source):
        if m.start() < i:
            continue
        close = matching_paren(source, m.end() - 1)
        if close < 0:
            continue
        args = source[m.end():close]
        mime = MIME_LAST.search(args)
        if not mime:
            continue
        out.append(source[i:m.start()])
        out.append("%s(%s, %s)" % (RAPAIO_DISPLAY, mime.group(2), args[:mime.start()].strip()))
        i = close + 1
    out.append(source[i:])
    return "".join(out)


def matching_paren(text, open_at):
    """Index of the parenthesis closing the one at open_at (string and char literals skipped), or -1."""
    depth, k, quote = 0, open_at, None
    while k < len(text):
        ch = text[k]
        if quote:
            if ch == "\\":
                k += 1
            elif ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return k
        k += 1
    return -1


def last_statement(source):
    lines = [l.strip() for l in source.splitlines()]
    lines = [l for l in lines if l and not l.startswith("//")]
    return lines[-1] if lines else ""


def tags(cell):
    return cell.get("metadata", {}).get("tags", [])


def expects_chart(cell):
    if "chart" in tags(cell):
        return True
    if "no-chart" in tags(cell):
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


# ---------------------------------------------------------------- outputs: tidy, compare

def tidy(nb):
    """Outputs as they are committed: consecutive stream chunks merged (kernels split them arbitrarily), no text/plain
    beside an image (it names the image's identity hash), not the random display id that IJava shows as the value of a
    cell ending with display(...), no per-cell timing metadata."""
    for c in nb.cells:
        if c.cell_type != "code":
            continue
        c.metadata.pop("execution", None)
        merged = []
        for o in c.outputs:
            if o.output_type == "stream" and merged and merged[-1].output_type == "stream" \
                    and merged[-1].name == o.name:
                merged[-1].text += o.text
                continue
            if "data" in o and "image/png" in o.data:
                o.data.pop("text/plain", None)
            if o.output_type == "execute_result" and len(o.data) == 1 and set(o.data) <= {"text/plain", "text/html"} \
                    and DISPLAY_ID.match("".join(o.data.values()).strip().strip('"')):
                continue  # the display id (random) that the kernel shows when a cell ends with display(...)
            if o.output_type == "stream" and IJAVA_JARS.match(c.source.strip()):
                continue  # the fallback kernel's note on a %jars cell ("Add ... to classpath")
            merged.append(o)
        c.outputs = merged
    return nb


def png_size(b64):
    raw = base64.b64decode(b64[:64])
    return int.from_bytes(raw[16:20], "big"), int.from_bytes(raw[20:24], "big")


def digest(cell):
    """What of a cell's outputs is compared: its stdout text, and per rich output either the image size or the text."""
    text, rich = [], []
    for o in cell.get("outputs", []):
        if o.output_type == "stream":
            if o.name == "stdout":
                text.append(o.text)
        elif o.output_type in ("display_data", "execute_result"):
            data = o.get("data", {})
            if "image/png" in data:
                rich.append(("image", png_size(data["image/png"])))
            elif "text/html" in data:
                rich.append(("html", data["text/html"]))
            else:
                rich.append(("text", data.get("text/plain", "")))
        elif o.output_type == "error":
            rich.append(("error", o.get("ename", "")))
    return "".join(text), rich


def printed_unit(token):
    """One unit in the last printed digit of a decimal token (0 for an integer)."""
    mant, _, exp = token.lower().partition("e")
    if "." not in mant and not exp:
        return 0.0
    decimals = len(mant.split(".", 1)[1]) if "." in mant else 0
    return 10.0 ** (-decimals + (int(exp) if exp else 0))


def numbers_agree(a, b, rtol):
    """Integers must be equal; decimals agree to rtol relative, or within one unit of the last printed digit, or when
    both are rounding noise (|x| <= 1e-9)."""
    if a == b:
        return True
    x, y = float(a), float(b)
    if math.isnan(x) or math.isnan(y):
        return False
    if printed_unit(a) == 0 and printed_unit(b) == 0:
        return x == y
    if abs(x) <= NOISE_FLOOR and abs(y) <= NOISE_FLOOR:
        return True
    slack = max(rtol * max(abs(x), abs(y)), printed_unit(a), printed_unit(b))
    return abs(x - y) <= slack * (1 + 1e-12)


def text_difference(old, new, rtol):
    """None when the two texts agree (words equal, numbers by `numbers_agree`, durations and identity hashes
    ignored), else the first differing line pair."""
    old, new = (DURATION.sub("<time>", IDENTITY_HASH.sub("@hash", t)) for t in (old, new))
    ol, nl = old.splitlines(), new.splitlines()
    if len(ol) != len(nl):
        return "%d lines committed, %d now" % (len(ol), len(nl))
    for a, b in zip(ol, nl):
        if NUMBER.sub("#", a).split() != NUMBER.sub("#", b).split():
            return "committed: %s\n        now: %s" % (a.strip()[:160], b.strip()[:160])
        for x, y in zip(NUMBER.findall(a), NUMBER.findall(b)):
            if not numbers_agree(x, y, rtol):
                return "%s -> %s in\n        committed: %s\n        now: %s" % (x, y, a.strip()[:160], b.strip()[:160])
    return None


def compare(committed, fresh, rtol):
    """Differences between the committed outputs and fresh ones, one string each (empty: up to date). A cell tagged
    `timing` is compared by the number and kind of its outputs and its image sizes only."""
    if not any(c.get("outputs") for c in committed.cells if c.cell_type == "code"):
        return ["the committed notebook has no outputs (run scripts/run-notebooks.sh --update)"]
    diffs = []
    for i, (old, new) in enumerate(zip(committed.cells, fresh.cells)):
        if new.cell_type != "code":
            continue
        ot, orich = digest(old)
        nt, nrich = digest(new)
        timing = "timing" in tags(new)
        if [k for k, _ in orich] != [k for k, _ in nrich]:
            diffs.append("cell %d: outputs %s committed, %s now" % (i, [k for k, _ in orich], [k for k, _ in nrich]))
            continue
        for (kind, a), (_, b) in zip(orich, nrich):
            if kind == "image" and a != b:
                diffs.append("cell %d: image %dx%d committed, %dx%d now" % (i, a[0], a[1], b[0], b[1]))
            elif kind in ("html", "text") and not timing:
                d = text_difference(a, b, rtol)
                if d:
                    diffs.append("cell %d (%s): %s" % (i, kind, d))
        if not timing:
            d = text_difference(ot, nt, rtol)
            if d:
                diffs.append("cell %d: %s" % (i, d))
        elif bool(ot) != bool(nt):
            diffs.append("cell %d: printed text committed %s, now %s" % (i, bool(ot), bool(nt)))
    return diffs


# ---------------------------------------------------------------- execution

class PatientClient(NotebookClient):
    """For rapaio-jupyter-kernel 3.0.1 only: waits, after starting the kernel process, until the kernel has bound its
    five channels (its log says "Binding" five times) and then `settle` seconds more, before the first kernel_info
    request. That kernel starts polling its shell socket before its handlers are registered; a request arriving in
    that window kills the shell thread (NullPointerException in Channels.getHandler) and it never answers."""

    def __init__(self, nb, log_path, log_offset, settle, **kw):
        super().__init__(nb, **kw)
        self._log_path = log_path
        self._log_offset = log_offset
        self._settle = settle

    async def async_start_new_kernel(self, **kwargs):
        await super().async_start_new_kernel(**kwargs)
        if self._settle is None:
            return
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
    """Executes nb (sources already translated) on a fresh kernel, checking each cell as it completes."""
    code_cells = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    first = code_cells[0] if code_cells else None

    def timeout_for(cell):
        # the first cell also starts JShell inside the kernel and loads the jar
        return 3 * args.start_timeout + 60 if first is not None and cell is nb.cells[first] else args.timeout

    client = PatientClient(nb, log.name, log.tell(), settle, timeout_func=timeout_for,
                           startup_timeout=args.start_timeout + (0 if args.flavour == "rapaio" else 50),
                           kernel_name=args.kernel, allow_errors=True, record_timing=False,
                           resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    try:
        with client.setup_kernel(stdout=log, stderr=log):
            for i in code_cells:
                cell = nb.cells[i]
                try:
                    client.execute_cell(cell, i)
                except (CellTimeoutError, TimeoutError) as e:
                    if i == first:
                        raise HungStart("first cell did not answer in time") from e
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
        if client.kc is None or "Kernel didn't respond" in str(e) or "Kernel died" in str(e):
            raise HungStart(str(e)) from e
        raise


def execute(path, args, out_dir):
    """The notebook at path, executed (original sources, tidy outputs)."""
    original = nbformat.read(path, as_version=4)
    kernelspec = original.metadata.get("kernelspec", {})
    if kernelspec.get("name") != "java":
        raise NotebookFailure("kernelspec is %r, expected {name: java, language: java} (IJava's)" % kernelspec)
    code = [c for c in original.cells if c.cell_type == "code"]
    if not is_magic_cell(code[0]) or not code[0].source.strip().startswith("%jars "):
        raise NotebookFailure("first code cell must hold only `%jars ../toolkit/target/dlnkit-all.jar`")
    name = os.path.splitext(os.path.basename(path))[0]
    log_path = os.path.join(out_dir, name + ".kernel.log")
    last = None
    retries = args.retries if args.flavour == "rapaio" else 1
    for attempt in range(1, retries + 2):
        nb = nbformat.read(path, as_version=4)
        for c in nb.cells:
            if c.cell_type == "code":
                c.source = to_kernel_source(c.source, args.flavour)
                c.outputs = []
                c.execution_count = None
        with open(log_path, "a") as log:
            log.write("=== attempt %d\n" % attempt)
            log.flush()
            try:
                settle = args.settle * attempt if args.flavour == "rapaio" else None
                execute_once(path, nb, args, log, settle)
                last = None
                break
            except HungStart as e:
                last = e
                print("  kernel start hung (%s), attempt %d of %d" % (e, attempt, retries + 1), flush=True)
    if last is not None:
        raise NotebookFailure("kernel start hung %d times: %s" % (retries + 1, last))
    for c, o in zip(nb.cells, original.cells):
        c.source = o.source
    return original, tidy(nb)


def write_atomically(nb, path):
    tmp = path + ".tmp"
    nbformat.write(nb, tmp)
    os.replace(tmp, path)


def export_figures(nb, name, out_dir, figures_dir):
    """Every image to out_dir/figures/NAME-K.png; with figures_dir, a cell's image whose metadata says
    "figure": "F" also to figures_dir/F.png. Returns the number of images."""
    images = 0
    os.makedirs(os.path.join(out_dir, "figures"), exist_ok=True)
    for c in nb.cells:
        named = c.get("metadata", {}).get("figure")
        for o in c.get("outputs", []):
            png = o.get("data", {}).get("image/png")
            if not png:
                continue
            images += 1
            raw = base64.b64decode(png)
            with open(os.path.join(out_dir, "figures", "%s-%d.png" % (name, images)), "wb") as f:
                f.write(raw)
            if named and figures_dir:
                os.makedirs(figures_dir, exist_ok=True)
                with open(os.path.join(figures_dir, named + ".png.tmp"), "wb") as f:
                    f.write(raw)
                os.replace(os.path.join(figures_dir, named + ".png.tmp"), os.path.join(figures_dir, named + ".png"))
                named = None  # the first image of the cell
    return images


def render_html(nb, exporter, html_dir, name):
    os.makedirs(html_dir, exist_ok=True)
    body, _ = exporter.from_notebook_node(nb)
    # links between notebooks point at their rendered pages
    body = re.sub(r'href="(\d\d-[\w-]+)\.ipynb', r'href="\1.html', body)
    body = body.replace('href="../docs/', 'href="../')
    tmp = os.path.join(html_dir, name + ".html.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(body)
    os.replace(tmp, os.path.join(html_dir, name + ".html"))


def run_one(path, args, dirs, exporter):
    name = os.path.splitext(os.path.basename(path))[0]
    nb = nbformat.read(path, as_version=4)
    if not any(c.cell_type == "code" for c in nb.cells):
        if exporter is not None:
            render_html(nb, exporter, dirs["html"], name)
        return "not executed (no code cells)"
    original, fresh = execute(path, args, dirs["out"])
    write_atomically(fresh, os.path.join(dirs["out"], name + ".ipynb"))
    images = export_figures(fresh, name, dirs["out"], dirs["figures"] if args.update else None)
    if exporter is not None:
        render_html(fresh, exporter, dirs["html"], name)
    if args.update:
        write_atomically(fresh, path)
        return "%d figures, outputs written" % images
    diffs = compare(original, fresh, args.rtol)
    if diffs:
        shown = "\n".join("  " + d for d in diffs[:12])
        more = "\n  ... %d more" % (len(diffs) - 12) if len(diffs) > 12 else ""
        raise NotebookFailure("committed outputs are stale (%d differences; fresh run in notebooks/out/%s.ipynb; "
                              "scripts/run-notebooks.sh --update rewrites them):\n%s%s"
                              % (len(diffs), name, shown, more))
    return "%d figures, outputs up to date" % images


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("notebooks", nargs="*", help="notebooks to run (default: notebooks/NN-*.ipynb)")
    p.add_argument("--update", action="store_true", help="write the fresh outputs into notebooks/*.ipynb")
    p.add_argument("--html", action="store_true", help="also render docs/notebooks/NN-*.html with the figures")
    p.add_argument("--rtol", type=float, default=1e-6, help="relative tolerance for printed decimals (1e-6)")
    p.add_argument("--timeout", type=int, default=600, help="seconds per cell (default 600)")
    p.add_argument("--start-timeout", type=int, default=10,
                   help="seconds for a started kernel to answer kernel_info (default 10; IJava gets 50 more)")
    p.add_argument("--retries", type=int, default=8, help="retries of a hung rapaio kernel start (default 8)")
    p.add_argument("--settle", type=float, default=1.5,
                   help="rapaio only: seconds to wait after the kernel bound its channels (attempt k: k times)")
    p.add_argument("--kernel", default="java", help="kernelspec name (default java)")
    p.add_argument("--flavour", choices=["ijava", "rapaio"], default="ijava",
                   help="which kernel the kernelspec starts (set by run-notebooks.sh)")
    p.add_argument("--root", default=os.getcwd(), help="repository root (default: current directory)")
    args = p.parse_args()

    nb_dir = os.path.join(args.root, "notebooks")
    dirs = {"out": os.path.join(nb_dir, "out"), "figures": os.path.join(nb_dir, "figures"),
            "html": os.path.join(args.root, "docs", "notebooks")}
    os.makedirs(dirs["out"], exist_ok=True)
    paths = args.notebooks or sorted(os.path.join(nb_dir, f) for f in os.listdir(nb_dir)
                                     if re.match(r"^\d\d-.*\.ipynb$", f))
    if not paths:
        print("no notebooks found in %s" % nb_dir, file=sys.stderr)
        return 1
    exporter = None
    if args.html:
        from nbconvert import HTMLExporter
        exporter = HTMLExporter()
    passed, failed = 0, 0
    total = time.time()
    for path in paths:
        t0 = time.time()
        try:
            what = run_one(path, args, dirs, exporter)
            passed += 1
            print("PASS %-36s %6.1f s  %s" % (os.path.basename(path), time.time() - t0, what), flush=True)
        except NotebookFailure as e:
            failed += 1
            print("FAIL %-36s %6.1f s\n%s" % (os.path.basename(path), time.time() - t0, e), flush=True)
        except Exception:  # noqa: BLE001 - report and go on with the next notebook
            failed += 1
            print("FAIL %-36s %6.1f s\n%s" % (os.path.basename(path), time.time() - t0, traceback.format_exc()),
                  flush=True)
    print("total %.1f s on kernel %s%s" % (time.time() - total, args.flavour,
                                            "; HTML in docs/notebooks/" if args.html else ""))
    print("notebooks: %d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
