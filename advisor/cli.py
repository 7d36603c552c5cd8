"""`advisor` command line: a thin skin over the library. Library errors become one friendly line."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

from pydantic import ValidationError

from advisor.errors import AdvisorError, ConfigError
from advisor.providers.registry import provider_names
from advisor.settings import Settings
from advisor.types import Answer, Profile, Turn


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.indexer import ingest

    started = time.perf_counter()
    report = ingest(settings, [Path(p) for p in args.paths] or None, progress=not args.quiet)
    for err in report.errors:
        print(f"error: {err}", file=sys.stderr)
    print(f"{report.summary()} in {time.perf_counter() - started:.2f} s")
    return 0 if report.ok else 1


def cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    from advisor.retrieval import Retriever

    retriever = Retriever(settings)
    started = time.perf_counter()
    hits = retriever.search(args.query, k=args.k)
    elapsed_ms = (time.perf_counter() - started) * 1000
    if args.json:
        print(json.dumps({"query": args.query, "took_ms": round(elapsed_ms, 1),
                          "results": [h.model_dump() for h in hits]}, indent=2, ensure_ascii=False))
        return 0
    for rank, h in enumerate(hits, 1):
        snippet = " ".join(h.text.split())[:160]
        print(f"{rank}. [{h.section_id}] {h.heading}  (score {h.score:.4f}, similarity {h.similarity:.2f})")
        print(f"   {snippet}{'…' if len(h.text) > 160 else ''}")
    print(f"({len(hits)} results in {elapsed_ms:.0f} ms)", file=sys.stderr)
    return 0


def cmd_stats(args: argparse.Namespace, settings: Settings) -> int:
    from advisor.stats import index_stats

    stats = index_stats(settings)
    if args.json:
        print(json.dumps(stats, indent=2))
    else:
        for key, value in stats.items():
            print(f"{key}: {value}")
    return 0


def cmd_install_model(args: argparse.Namespace, settings: Settings) -> int:
    from advisor.model_files import install_model

    target = settings.resolved_model_path
    wrote = install_model(target, settings.model_sha256)
    print(f"{'installed' if wrote else 'already installed'}: {target} (sha256 verified)")
    return 0


def cmd_wages(args: argparse.Namespace, settings: Settings) -> int:
    from advisor.oews.package import open_wages

    found = open_wages(settings).lookup(args.occupation, args.area)
    if args.json:
        print(json.dumps(found.to_json(), indent=2, ensure_ascii=False))
    elif found.ok:
        print(found.to_text())
    else:
        print(f"error: {found.note}", file=sys.stderr)
    return 0 if found.ok else 1


def cmd_install_onet(args: argparse.Namespace, settings: Settings) -> int:
    from advisor.onet.files import FILES, install_onet

    folder = settings.resolved_onet_dir
    written = install_onet(folder)
    print(f"{'installed' if written else 'already installed'}: {', '.join(f.name for f in FILES)} in {folder} "
          "(sha256 verified; O*NET data, CC BY 4.0, U.S. Department of Labor/ETA)")
    return 0


def cmd_occupation(args: argparse.Namespace, settings: Settings) -> int:
    from advisor.errors import WageDataError
    from advisor.occupations import lookup
    from advisor.oews.package import open_wages
    from advisor.onet.data import open_occupations

    try:
        wages = open_wages(settings)
    except WageDataError as err:
        print(f"warning: no pay figures: {err}", file=sys.stderr)
        wages = None
    found = lookup(open_occupations(settings), wages, args.occupation, args.area)
    if found is None:
        print(f"error: No O*NET occupation matches {args.occupation!r}. Try a title (\"registered nurses\") or an "
              "O*NET-SOC code (\"29-1141.00\").", file=sys.stderr)
        return 1
    print(json.dumps(found.to_json(), indent=2, ensure_ascii=False) if args.json else found.to_text())
    return 0


def _load_json(path: str | None, what: str):
    if not path:
        return None
    try:
        return json.loads(Path(path).read_text())
    except (OSError, ValueError) as exc:
        raise ConfigError(f"Cannot read the {what} file {path}: {exc}") from exc


def _advisor(args: argparse.Namespace, settings: Settings):
    from advisor.chain import Advisor

    if getattr(args, "provider", None):
        settings = settings.model_copy(update={"provider": args.provider})
    return Advisor(settings)


def print_sources(answer: Answer) -> None:
    view = answer.view
    if view.notice:
        print(f"\nnote: {view.notice}")
    for s in view.sources:
        print(f"  [{s.n}] {s.heading} · {s.origin} — “{s.quote}”" + (f" {s.link.href}" if s.link else ""))


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    try:
        history = [Turn.model_validate(t) for t in (_load_json(args.history, "history") or [])]
        profile_data = _load_json(args.profile, "profile")
        profile = Profile.model_validate(profile_data) if profile_data else None
    except ValidationError as exc:
        raise ConfigError(f"Invalid history or profile: {exc.errors()[0]['msg']}") from exc
    advisor = _advisor(args, settings)
    if args.json:
        answer = advisor.ask(args.question, history, profile)
        print(json.dumps(answer.public_json(), indent=2, ensure_ascii=False))
        return 0
    answer = _stream_to_terminal(advisor, args.question, history, profile)
    print_sources(answer)
    return 0


def _stream_to_terminal(advisor, question: str, history: list[Turn], profile: Profile | None) -> Answer:
    answer = None
    for event in advisor.stream(question, history, profile):
        if event.type == "token":
            print(event.data, end="", flush=True)
        elif event.type == "done":
            answer = event.data
    return answer


def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    advisor = _advisor(args, settings)
    history: list[Turn] = []
    print("Career Advisor — ask about a tech role (empty line or Ctrl-D to quit).")
    while True:
        try:
            question = input("\nyou> ").strip()
        except EOFError:
            break
        if not question:
            break
        try:
            answer = _stream_to_terminal(advisor, question, history, None)
        except AdvisorError as err:
            print(f"error: {err}")
            continue
        print_sources(answer)
        history += [Turn(role="user", content=question), Turn(role="assistant", content=answer.answer[:2000])]
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="advisor", description="Career Advisor: cited answers about tech careers.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="parse guides and update the index incrementally")
    p.add_argument("paths", nargs="*", help="files or folders (default: the knowledge folder, which is then the whole truth)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("search", help="ranked sections for a query (hybrid retrieval)")
    p.add_argument("query")
    p.add_argument("--k", type=int, default=None, help="number of sections (default: ADVISOR_K)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("stats", help="what is in the index")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("ask", help="answer one question with citations")
    p.add_argument("question")
    p.add_argument("--history", metavar="FILE", help='JSON list of {"role", "content"} turns')
    p.add_argument("--profile", metavar="FILE", help='JSON {"skills", "years_experience", "education", "location"}')
    p.add_argument("--provider", choices=provider_names(), help="default: ADVISOR_PROVIDER")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("chat", help="interactive terminal chat with streaming answers")
    p.add_argument("--provider", choices=provider_names(), help="default: ADVISOR_PROVIDER")
    p.set_defaults(func=cmd_chat)

    p = sub.add_parser("wages", help="official U.S. wages for an occupation (BLS OEWS), nationally or in an area")
    p.add_argument("occupation", help='a job title ("software engineer") or a SOC code ("15-1252")')
    p.add_argument("--area", metavar="NAME", help='a state, metro or city ("Seattle", "WA"); default: national')
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_wages)

    p = sub.add_parser("occupation", help="any U.S. occupation from O*NET: description, what it needs, OEWS pay")
    p.add_argument("occupation", help='a job title ("registered nurse") or an O*NET-SOC code ("29-1141.00")')
    p.add_argument("--area", metavar="NAME", help="where the pay figures are for (default: national)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_occupation)

    p = sub.add_parser("install-model", help="assemble and verify the local GGUF model")
    p.set_defaults(func=cmd_install_model)

    p = sub.add_parser("install-onet", help="fetch and verify the O*NET occupation files (descriptions, skills)")
    p.set_defaults(func=cmd_install_onet)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args, Settings())
    except AdvisorError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
