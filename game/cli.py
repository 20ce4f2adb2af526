"""Headless commands: list, validate and simulate scenarios."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game import __version__
from game.core.model import GameState, Rules
from game.core.planners import PLANNERS, strategy_planner
from game.core.summary import play, summary
from game.data.lint import warnings
from game.data.mods import MODS_VARIABLE, ScenarioSource, linked, orphan_overrides, taken_ids
from game.data.scenario import (
    SCENARIO_FILE,
    ScenarioError,
    find_scenario,
    list_scenarios,
    list_sources,
    load_rules,
)
from game.data.strategy import StrategyError, load_strategy, strategy_problems


def _mods(args: argparse.Namespace) -> tuple[Path, ...]:
    return tuple(Path(m) for m in (args.mods or []))


def cmd_scenarios(args: argparse.Namespace) -> int:
    for source in list_sources(_mods(args)):
        origin = "" if source.origin == "shipped" else f"  [{source.origin}]"
        try:
            rules = load_rules(source)
        except ScenarioError as exc:
            print(f"{source.id:22} INVALID ({len(exc.problems)} problems; run validate){origin}")
            continue
        print(
            f"{rules.scenario_id:22} {rules.name}  "
            f"({rules.start} to {rules.end}, {rules.turn_days}-day turns){origin}"
        )
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """Every problem at once, one line each; warnings for legal but doubtful values."""
    mods = _mods(args)
    only_saves = bool(args.paths) and all(p.endswith(".json") for p in args.paths)
    failed = False if only_saves else not _check_encyclopedia(mods)
    sources = [] if args.paths else list_sources(mods)
    for raw in args.paths:
        if raw.endswith(".json"):
            failed = not _validate_save(Path(raw), mods) or failed
            continue
        inside = _scenarios_in(Path(raw))
        if inside:
            sources.extend(inside)
            continue
        try:
            sources.append(find_scenario(raw, mods))
        except ScenarioError as exc:
            failed = True
            print(*exc.problems, sep="\n")
    for path in orphan_overrides(list_scenarios(), mods):
        print(f"{path}: warning: no scenario '{path.stem}' to override")
    for path, owner in taken_ids(list_scenarios(), mods):
        failed = True
        print(
            f"{path}: scenario.id: '{path.parent.name}' is the id of {owner}; a mod changes "
            f"it with overrides/{path.parent.name}.toml, or gives its own scenario a new id"
        )
    for path in linked(mods):
        failed = True
        print(
            f"{path}: a symlink, left out; a mod is read from its own folders and files only "
            "(copy it in)"
        )
    for source in sources:
        name = source.file.parent if source.file.name == SCENARIO_FILE else source.file
        try:
            rules = load_rules(source)
        except ScenarioError as exc:
            failed = True
            for line in exc.problems:
                print(line)
            continue
        except Exception as exc:  # a fault of the game's own: name it, check the next file
            failed = True
            print(f"{source.file}: the game could not check this file ({exc!r}); please report it")
            continue
        level_problems = _other_levels(source, rules)
        if level_problems:
            failed = True
            print(*level_problems, sep="\n")
            continue
        for line in warnings(rules):
            print(line)
        print(f"{name}: ok")
    return 1 if failed else 0


def _scenarios_in(folder: Path) -> list[ScenarioSource]:
    """Every scenario in a folder of scenario folders, or in a mod's ``scenarios/``."""
    try:
        if not folder.is_dir() or (folder / SCENARIO_FILE).is_file():
            return []
    except OSError:  # a name the system refuses: find_scenario names the problem
        return []
    files = sorted(folder.glob(f"*/{SCENARIO_FILE}")) or sorted(
        folder.glob(f"scenarios/*/{SCENARIO_FILE}")
    )
    return [ScenarioSource(f.parent.name, f, (), "file") for f in files]


def _other_levels(source: ScenarioSource, rules: Rules) -> list[str]:
    """Problems at the difficulties other than the default, each line naming its level."""
    out: list[str] = []
    for level in rules.difficulties:
        if level == rules.difficulty:
            continue
        try:
            load_rules(source, level)
        except ScenarioError as exc:
            out.extend(f"{line} (at difficulty '{level}')" for line in exc.problems)
        except Exception as exc:  # a fault of the game's own: name it, go on
            out.append(
                f"{source.file}: the game could not check difficulty '{level}' ({exc!r}); "
                "please report it"
            )
    return out


def _check_encyclopedia(mods: tuple[Path, ...]) -> bool:
    """The shipped articles and every mod's ``encyclopedia.toml``; True when all is well."""
    from game.data.encyclopedia import EncyclopediaError, load_encyclopedia

    try:
        book = load_encyclopedia(mods=mods)
    except EncyclopediaError as exc:
        print(*exc.problems, sep="\n")
        return False
    print(f"encyclopedia: ok ({len(book.entries)} articles)")
    return True


def cmd_simulate(args: argparse.Namespace) -> int:
    try:
        rules = load_rules(
            find_scenario(args.scenario, _mods(args)), args.difficulty, tuple(args.option)
        )
    except ScenarioError as exc:
        for line in exc.problems:
            print(line, file=sys.stderr)
        return 1
    plan = None
    planner_name = args.planner
    if args.strategy:
        try:
            strategy = load_strategy(Path(args.strategy))
        except StrategyError as exc:
            for line in exc.problems:
                print(line, file=sys.stderr)
            return 1
        unknown = strategy_problems(strategy, rules, Path(args.strategy))
        if unknown:
            for line in unknown:
                print(line, file=sys.stderr)
            return 1
        plan, planner_name = strategy_planner(strategy), strategy.name
        if args.save:
            print("simulate: --save replays built-in planners only", file=sys.stderr)
            return 1
    for option in ("save", "csv"):
        if getattr(args, option) and args.runs != 1:
            print(f"simulate: --{option} writes one game; use it with --runs 1", file=sys.stderr)
            return 1
    results = []
    for run in range(args.runs):
        seed = args.seed + run
        turn_log: list[dict[str, Any]] | None = [] if args.history else None
        if args.save:
            state = _play_and_save(rules, args.planner, seed, Path(args.save))
        else:
            state, _ = play(rules, args.planner, seed, plan=plan, turn_log=turn_log)
        if state is None or (args.csv and not _write_csv(rules, state, Path(args.csv))):
            return 1
        row = summary(rules, state, planner_name, seed)
        if turn_log is not None:
            row["history"] = turn_log
        results.append(row)
        if args.json:
            print(json.dumps(row), flush=True)
        else:
            _print_summary(row)
    if not args.json and args.runs > 1:
        _print_overview(results)
    return 0


def _written(path: Path, write: Callable[[Path], object], done: str) -> bool:
    """Write one output file; a folder that cannot be written is said, not a traceback."""
    try:
        write(path)
    except OSError as exc:
        print(f"simulate: could not write {path}: {exc.strerror or exc}", file=sys.stderr)
        return False
    print(f"{done} {path}", file=sys.stderr)
    return True


def _write_csv(rules: Rules, state: GameState, path: Path) -> bool:
    from game.core.aar import timeline
    from game.save.exports import write_history_csv

    tl = timeline(rules, state)
    return _written(path, lambda p: write_history_csv(p, tl), "turn history written to")


def _play_and_save(rules: Rules, planner: str, seed: int, path: Path) -> GameState | None:
    """The finished game, saved to ``path``; None when the save could not be written."""
    from game.save import play_recorded, save_game

    record = play_recorded(rules, planner, seed)
    return record.state if _written(path, lambda p: save_game(p, record), "saved") else None


def cmd_replay(args: argparse.Namespace) -> int:
    """Re-run a save from its seed and orders; exit 0 when the state matches, else 1.

    Whatever the file holds, the command ends with a sentence, never a traceback.
    """
    try:
        return _replay(args)
    except Exception as exc:  # a last resort: the checks below should have said why
        print(f"replay: cannot use this save: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


def _replay(args: argparse.Namespace) -> int:
    from game.save import SaveError, load_save, read_header, replay
    from game.save.opening import open_save

    path = Path(args.save)
    try:
        if args.scenario:
            header = read_header(path)
            rules = load_rules(
                find_scenario(args.scenario, _mods(args)),
                header.difficulty,
                tuple(header.options),
            )
            record = load_save(path, rules)
        else:
            record = open_save(path, _mods(args))
    except SaveError as exc:
        print(
            f"replay: cannot use this save ({exc.reason.value}): {exc}; {exc.hint}",
            file=sys.stderr,
        )
        return 1
    except ScenarioError as exc:
        print("replay: the save's scenario cannot be loaded:", file=sys.stderr)
        for line in exc.problems:
            print(f"  {line}", file=sys.stderr)
        return 1
    report = replay(record)
    if report.ok:
        print(f"replay {path.name}: ok: {report.message}")
        return 0
    print(f"replay {path.name}: {report.message}")
    return 1


def _validate_save(path: Path, mods: tuple[Path, ...]) -> bool:
    """A save file, by exactly the Load dialog's checks; True when it would load."""
    from game.save import SaveError
    from game.save.opening import open_save

    try:
        record = open_save(path, mods)
    except SaveError as exc:
        print(f"{exc.detail}; {exc.hint} (refused: {exc.reason.value})")
        return False
    except ScenarioError as exc:
        print(f"{path}: its scenario cannot be loaded:")
        print(*(f"  {line}" for line in exc.problems), sep="\n")
        return False
    state = record.state
    print(f"{path}: ok (save of {record.rules.scenario_id}, turn {state.turn}, {state.day})")
    return True


def _print_summary(row: dict) -> None:
    print(
        f"{row['scenario']} seed {row['seed']} ({row['planner']}, {row['difficulty']}): "
        f"{row['outcome']} on {row['end_date']} after {row['turns_played']} turns, "
        f"score {row['score']:.0f}"
    )
    print(
        f"  power destroyed {row['power_destroyed_pct']:.1f}%  aircraft lost "
        f"{row['aircraft_lost']}  civilian casualties {row['civilian_casualties']:,}  "
        f"rail cuts {row['rail_cuts']}"
    )
    print(
        f"  meter {row['negotiation_meter']:.0f}  world opinion {row['world_opinion']:.0f}  "
        f"US patience {row['us_patience']:.0f}  front supply {row['front_supply_pct']:.0f}%  "
        f"main cities half destroyed {row['cities_half_destroyed']}"
    )


def _print_overview(rows: list[dict]) -> None:
    def med(key: str) -> float:
        return statistics.median(r[key] for r in rows)

    outcomes = {o: sum(1 for r in rows if r["outcome"] == o) for o in {r["outcome"] for r in rows}}
    print(
        f"\n{len(rows)} runs: outcomes {outcomes}; medians: power destroyed "
        f"{med('power_destroyed_pct'):.1f}%, aircraft lost {med('aircraft_lost'):.1f}, "
        f"score {med('score'):.0f}"
    )


def _plain(value: Any) -> Any:
    """numpy's numbers and truth values as JSON's own."""
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"not JSON: {type(value).__name__}")


CALIBRATION_MIN_RUNS = 20  # fewer seeds leave a band's percentiles to chance


def cmd_calibrate(args: argparse.Namespace) -> int:
    from game.calibration import ALL_CHECKS

    names = args.only.split(",") if args.only else list(ALL_CHECKS)
    unknown = [n for n in names if n not in ALL_CHECKS]
    if unknown:
        print(f"unknown calibration groups: {', '.join(unknown)} (known: {', '.join(ALL_CHECKS)})")
        return 2
    results = [r for name in names for r in ALL_CHECKS[name](args.runs)]
    if args.json:
        print(json.dumps([r.__dict__ for r in results], default=_plain))
    else:
        print(f"{'target':50} {'record':15} {'median':>8} {'p10':>8} {'p90':>8}  band")
        for r in results:
            print(
                f"{r.name:50} {r.record:15} {r.median:8.1f} {r.p10:8.1f} {r.p90:8.1f}  "
                f"{r.band}  {'pass' if r.passed else 'FAIL'}"
            )
    failed = not all(r.passed for r in results)
    if failed and args.runs < CALIBRATION_MIN_RUNS:
        print(
            f"note: {args.runs} runs are too few for the 10th–90th percentiles to settle; a "
            f"band can fail by chance. Run at least {CALIBRATION_MIN_RUNS} (the default is 50) "
            "before trusting a FAIL.",
            file=sys.stderr,
        )
    return 1 if failed else 0


def cmd_strategies(args: argparse.Namespace) -> int:
    from game.strategies import strategies_markdown

    text = strategies_markdown(args.runs, args.difficulty)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"wrote {args.out}")
    else:
        print(text)
    return 0


def cmd_soak(args: argparse.Namespace) -> int:
    import collections
    import time

    from game.soak import soak

    start = time.perf_counter()
    scenarios = tuple(args.scenarios.split(",")) if args.scenarios else ()
    results = soak(args.runs, scenarios)
    failures = [r for r in results if r.problem]
    outcomes = collections.Counter(r.outcome for r in results)
    turns = sum(r.turns for r in results)
    for r in failures:
        print(f"FAIL {r.scenario} {r.planner} seed {r.seed} turn {r.turns}: {r.problem}")
    print(
        f"{len(results)} games, {turns} turns in {time.perf_counter() - start:.0f} s; "
        f"outcomes {dict(outcomes)}; {len(failures)} failed"
    )
    return 1 if failures else 0


ZOOM_CHOICES = ("out", "in")  # as game.ui.screenshot.ZOOMS, without importing pygame


def cmd_screenshot(args: argparse.Namespace) -> int:
    from game.settings import UI_SCALES
    from game.ui.screenshot import SCENES, save_screenshot, screenshot_settings

    try:
        width, height = (int(v) for v in args.size.lower().split("x"))
    except ValueError:
        print(f"screenshot: --size must look like 1280x720 (found {args.size!r})", file=sys.stderr)
        return 2
    if args.scene not in SCENES:
        print(f"screenshot: no scene '{args.scene}' (known: {', '.join(SCENES)})", file=sys.stderr)
        return 2
    if args.mods:  # the scenes find scenarios and articles through the same variable
        os.environ[MODS_VARIABLE] = os.pathsep.join(args.mods)
    if args.scale not in UI_SCALES:
        steps = ", ".join(map(str, UI_SCALES))
        print(f"screenshot: --scale must be one of {steps} (found {args.scale})", file=sys.stderr)
        return 2
    settings = screenshot_settings(args.scale, args.colour_blind)
    try:
        out = save_screenshot(
            args.scenario, args.scene, Path(args.out), (width, height), settings, zoom=args.zoom
        )
    except ScenarioError as exc:
        print(*exc.problems, sep="\n", file=sys.stderr)
        return 1
    print(f"wrote {out}")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from game.bench import main as bench_main

    return bench_main(args.json, args.quick)


def cmd_schema(args: argparse.Namespace) -> int:
    from game.data.schema import SCHEMAS
    from game.data.strategy import StrategyFile

    schema = StrategyFile.model_json_schema() if args.strategy else SCHEMAS[args.kind]()
    text = json.dumps(schema, indent=2)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    else:
        print(text)
    return 0


def cmd_map_objects(args: argparse.Namespace) -> int:
    """Every object of a Tiled map the game reads: its id, layer, class and shape."""
    from game.data.maps import MapError, load_map
    from game.data.scenario import MAPS_DIR

    path = Path(args.map)
    if not path.is_file() and (MAPS_DIR / args.map).is_file():
        path = MAPS_DIR / args.map  # a shipped map by its file name
    try:
        geometry = load_map(path)
    except MapError as exc:
        print(f"map-objects: {exc}", file=sys.stderr)
        return 1
    rows = sorted(geometry.features.values(), key=lambda f: (f.layer.value, f.id))
    if args.json:
        print(
            json.dumps(
                [
                    {"id": f.id, "layer": f.layer.value, "class": f.kind, "shape": f.shape.value}
                    for f in rows
                ],
                indent=1,
            )
        )
        return 0
    print(f"{'id':32} {'layer':10} {'class':20} shape")
    for f in rows:
        print(f"{f.id:32} {f.layer.value:10} {f.kind or '(no class)':20} {f.shape.value}")
    print(f"{len(rows)} objects in {path}")
    return 0


def cmd_paths(args: argparse.Namespace) -> int:
    from game.data.mods import user_data_dir, user_mods_dir
    from game.save.exports import exports_dir
    from game.save.storage import saves_dir

    # The same functions the game writes through, so the list cannot drift from them.
    print(f"user data: {user_data_dir()}")
    print(f"mods:      {user_mods_dir()}")
    print(f"saves:     {saves_dir()}")
    print(f"exports:   {exports_dir()}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python main.py",
        description="Air Pressure — Korea 1952–53. With no command, opens the game.",
    )
    parser.add_argument("--version", action="version", version=f"air-pressure {__version__}")
    mods = argparse.ArgumentParser(add_help=False)
    mods.add_argument(
        "--mods", action="append", metavar="DIR", help="a mod folder, or a folder of mods"
    )
    parser.add_argument(
        "--mods", action="append", metavar="DIR", help="with no command: play with these mods too"
    )
    sub = parser.add_subparsers(dest="command")
    p = sub.add_parser(
        "scenarios", help="list the scenarios, shipped and from mods", parents=[mods]
    )
    p.set_defaults(func=cmd_scenarios)
    p = sub.add_parser("schema", help="write a JSON Schema of a modding format")
    p.add_argument(
        "kind",
        nargs="?",
        default="scenario",
        choices=["scenario", "override", "encyclopedia"],
        help="scenario.toml (default), a mod's override file, or encyclopedia.toml",
    )
    p.add_argument("--out", help="file to write (default: print)")
    p.add_argument("--strategy", action="store_true", help="the strategy file format instead")
    p.set_defaults(func=cmd_schema)
    p = sub.add_parser("soak", help="play many seeded games headless and check invariants")
    p.add_argument("--runs", type=int, default=1000)
    p.add_argument("--scenarios", help="comma-separated ids (default: every shipped one)")
    p.set_defaults(func=cmd_soak)
    p = sub.add_parser(
        "screenshot", help="render a scene without a display to a PNG", parents=[mods]
    )
    p.add_argument("scenario", help="scenario id")
    p.add_argument(
        "--scene",
        default="planning",
        help="title, scenario, planning, plan, politics, forecast, pressure, tasks, targets "
        "(the target list), target (one target's panel), report, end, history, encyclopedia, "
        "settings, tutorial, save, load or menu",
    )
    p.add_argument("--out", required=True, help="PNG file to write")
    p.add_argument("--size", default="1280x720", help="window size, e.g. 1920x1080")
    p.add_argument(
        "--zoom",
        choices=ZOOM_CHOICES,
        help="the map at its widest (the whole theatre) or closest zoom; default: as opened",
    )
    p.add_argument("--scale", type=int, default=100, help="interface scale in percent, e.g. 150")
    p.add_argument("--colour-blind", action="store_true", help="the colour-blind palette")
    p.set_defaults(func=cmd_screenshot)
    p = sub.add_parser("bench", help="measure speed: frames, turns, the forecast, memory")
    p.add_argument("--json", action="store_true", help="one JSON object")
    p.add_argument("--quick", action="store_true", help="fewer repetitions")
    p.set_defaults(func=cmd_bench)
    p = sub.add_parser("map-objects", help="list a Tiled map's object ids, layers and classes")
    p.add_argument("map", help="a .tmx file, or the file name of a shipped map (korea.tmx)")
    p.add_argument("--json", action="store_true", help="one JSON list")
    p.set_defaults(func=cmd_map_objects)
    p = sub.add_parser("paths", help="where saves and user mods live")
    p.set_defaults(func=cmd_paths)
    p = sub.add_parser(
        "validate", help="check scenario folders or files and the encyclopedia", parents=[mods]
    )
    p.add_argument(
        "paths",
        nargs="*",
        help="scenario folders (or folders holding several), scenario.toml files, or save "
        "files (.json) to check as the Load dialog does",
    )
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser(
        "simulate", help="play a scenario headless with a built-in planner", parents=[mods]
    )
    p.add_argument("scenario", help="scenario id or folder")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--planner", choices=sorted(PLANNERS), default="historical")
    p.add_argument("--runs", type=int, default=1)
    p.add_argument("--difficulty", default=None)
    p.add_argument("--strategy", metavar="FILE", help="play a strategy file (TOML) instead")
    p.add_argument("--json", action="store_true", help="one JSON object per run, one per line")
    p.add_argument("--save", metavar="PATH", help="write the finished game as a save file")
    p.add_argument("--csv", metavar="PATH", help="write the turn history as CSV (one run)")
    p.add_argument(
        "--history",
        action="store_true",
        help="with --json: each run's turns, with the meter's causes and the enemy's decisions",
    )
    p.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="ID",
        help="an alternative history from the scenario's [options], e.g. stalin_lives",
    )
    p.set_defaults(func=cmd_simulate)
    p = sub.add_parser(
        "replay", help="re-run a save from its seed and orders and compare", parents=[mods]
    )
    p.add_argument("save", help="a save file")
    p.add_argument("--scenario", help="scenario id or folder (default: the one the save names)")
    p.set_defaults(func=cmd_replay)
    p = sub.add_parser("calibrate", help="check the model against the historical record")
    p.add_argument("--runs", type=int, default=50, help="seeds per target")
    p.add_argument("--only", help="comma-separated groups, e.g. suiho,campaign")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_calibrate)
    p = sub.add_parser("strategies", help="the campaign's outcomes by strategy, as a table")
    p.add_argument("--runs", type=int, default=20, help="seeds per strategy")
    p.add_argument("--difficulty", default="normal")
    p.add_argument("--out", help="write Markdown here (e.g. docs/STRATEGIES.md)")
    p.set_defaults(func=cmd_strategies)
    return parser


def main(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        if args.mods:  # the window's scenario list reads them from here
            os.environ[MODS_VARIABLE] = os.pathsep.join(args.mods)
        return -1  # the caller opens the game
    return int(args.func(args))
