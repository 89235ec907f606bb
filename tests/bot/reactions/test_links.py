import pytest

from bot.reactions.links import InvalidMessageReference, message_id_of


def test_links_and_ids() -> None:
    assert message_id_of("https://discord.com/channels/1/2/1576868221267476489") == 1576868221267476489
    assert message_id_of("<https://ptb.discord.com/channels/1/2/1576868221267476489>") == 1576868221267476489
    assert message_id_of(" 1576868221267476489 ") == 1576868221267476489
    for bad in ("hello", "https://example.com/channels/1/2/1576868221267476489", "12"):
        with pytest.raises(InvalidMessageReference):
            message_id_of(bad)
