"""Trivia's storage on either backend: settings, questions, games, answers once, players' statistics."""

from pathlib import Path

import pytest

from bot.library.service import Library
from bot.storage.database import Database
from bot.storage.trivia import TriviaStore
from bot.trivia.bank import CuratedQuestion
from bot.trivia.game import Answer, GameRules, PlayerScore, TriviaGame, replay
from bot.trivia.question import Question, QuestionKind
from bot.trivia.settings import TriviaSettings
from bot.trivia.stats import LeaderboardSort

GUILD, OTHER_GUILD, CHANNEL = 11, 12, 21
ALICE, BOB = 101, 102


@pytest.fixture
async def database(database_target: Path | str):
    db = await Database.open(database_target)
    yield db
    await db.close()


async def test_settings_default_and_round_trip(database: Database) -> None:
    store = TriviaStore(database)
    assert await store.settings(GUILD) == TriviaSettings()
    chosen = TriviaSettings(
        timeout_seconds=45, rounds=5, points=20, score_to_win=100, max_unanswered=None,
        kinds=frozenset({QuestionKind.PLOT, QuestionKind.WHO_SAID_IT}), channels=frozenset({CHANNEL, 22}),
    )
    await store.save_settings(GUILD, chosen)
    await store.save_settings(GUILD, chosen)
    assert await store.settings(GUILD) == chosen
    assert await store.settings(OTHER_GUILD) == TriviaSettings()


async def test_questions_are_per_server_and_work(database: Database) -> None:
    store = TriviaStore(database)
    first = CuratedQuestion("Where?", "yes", accepted=("on",), wrong=("no",), explanation="e", passage=3)
    [first_id] = await store.add_questions(GUILD, "story", [first], ALICE, now=1.0)
    await store.add_questions(OTHER_GUILD, "story", [CuratedQuestion("Other?", "x")], ALICE, now=1.0)
    [stored] = await store.questions(GUILD, "story")
    assert stored.id == first_id and stored.answer == "yes" and stored.accepted == ("on",) and stored.passage == 3
    assert await store.questions(GUILD, "another") == []
    assert await store.remove_question(OTHER_GUILD, first_id) is None  # not that server's
    await store.add_questions(GUILD, "story", [CuratedQuestion("New?", "n")], ALICE, now=2.0, replace=True)
    assert [q.question for q in await store.questions(GUILD, "story")] == ["New?"]
    [new] = await store.questions(GUILD, "story")
    assert (await store.remove_question(GUILD, new.id)).question == "New?"
    assert await store.questions(GUILD, "story") == []


async def test_one_running_game_per_channel(database: Database) -> None:
    store = TriviaStore(database)
    game_id = await store.start_game(GUILD, CHANNEL, "story", now=10.0)
    assert game_id is not None
    assert await store.start_game(GUILD, CHANNEL, "story", now=11.0) is None
    assert await store.start_game(GUILD, CHANNEL + 1, "story", now=11.0) is not None  # another channel plays too
    [running, _] = await store.orphaned_games(set())
    assert (running.id, running.channel_id, running.work_slug) == (game_id, CHANNEL, "story")
    assert await store.finish_game(running, [], reason="done", now=20.0)
    assert not await store.finish_game(running, [], reason="done", now=21.0)
    assert await store.start_game(GUILD, CHANNEL, "story", now=30.0) is not None


async def test_answers_are_stored_once_and_scores_add_up(database: Database) -> None:
    store = TriviaStore(database)
    game_id = await store.start_game(GUILD, CHANNEL, "story", now=0.0)
    trivia = TriviaGame([Question(QuestionKind.PLOT, f"Q{n}", "A", options=("A", "B")) for n in range(2)], GameRules())
    for number in range(2):
        round_ = trivia.ask_next(now=number * 100)
        await store.record_round(game_id, round_)
        trivia.answer(ALICE, "Alice", "A", now=number * 100 + 1)
        trivia.answer(BOB, "Bob", "B" if number else "A", now=number * 100 + 2)
        for answer in round_.answers.values():
            assert await store.record_answer(game_id, answer)
        trivia.close_round()
    assert not await store.record_answer(game_id, Answer(1, ALICE, "Alice", True, 50, 3.0))  # a second answer
    assert await store.rounds_asked(game_id) == 2
    standings = replay(await store.answers(game_id))
    assert [(p.player_id, p.points) for p in standings] == [
        (p.player_id, p.points) for p in trivia.summary().standings
    ]
    [record] = await store.orphaned_games(set())
    await store.finish_game(record, standings, reason="done", now=300.0)
    alice, bob = await store.player(GUILD, ALICE), await store.player(GUILD, BOB)
    assert (alice.games, alice.wins, alice.correct, alice.answered, alice.best_streak) == (1, 1, 2, 2, 2)
    assert (bob.games, bob.wins, bob.correct, bob.answered) == (1, 0, 1, 2)
    assert await store.player(OTHER_GUILD, ALICE) is None


async def test_leaderboard_sorts_and_resets(database: Database) -> None:
    store = TriviaStore(database)
    async def play(*scores: PlayerScore) -> None:
        game_id = await store.start_game(GUILD, CHANNEL, "story", now=0.0)
        [record] = [g for g in await store.orphaned_games(set()) if g.id == game_id]
        await store.finish_game(record, list(scores), reason="done", now=1.0)

    await play(PlayerScore(ALICE, "Alice", points=30, correct=3, answered=6, best_streak=2),
               PlayerScore(BOB, "Bob", points=10, correct=1, answered=1, best_streak=1))
    await play(PlayerScore(BOB, "Bob", points=15, correct=1, answered=1, best_streak=1))
    by_points = await store.leaderboard(GUILD, LeaderboardSort.POINTS, 10)
    assert [p.player_id for p in by_points] == [ALICE, BOB]
    assert [p.player_id for p in await store.leaderboard(GUILD, LeaderboardSort.WINS, 10)] == [ALICE, BOB]  # one win each; more points first
    assert [p.player_id for p in await store.leaderboard(GUILD, LeaderboardSort.ACCURACY, 10)] == [BOB, ALICE]
    assert [p.player_id for p in await store.leaderboard(GUILD, LeaderboardSort.GAMES, 10)] == [BOB, ALICE]
    await store.reset_leaderboard(GUILD)
    assert await store.leaderboard(GUILD, LeaderboardSort.POINTS, 10) == []


async def test_a_works_passages_for_questions(database: Database) -> None:
    library = Library(database)
    await library.add_text("“Hello there, my old friend,” Derek said.\n\nThe end came quietly to Derek.\n", slug="tiny")
    work = await library.load("tiny")
    passages = await TriviaStore(database).passages(work.record.id)
    [line] = passages.dialogues
    assert line.speaker == "Derek" and line.text.startswith("“Hello")
    assert len(passages.sentences) == 2 and [p.ordinal for p in passages.paragraphs] == [0, 1]
    assert all(isinstance(paragraph.id, int) for paragraph in passages.paragraphs)
