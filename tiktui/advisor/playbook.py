"""What each traffic source means, and what to do about it (ADVISOR.md's playbook table).

Rules cite this table instead of inventing their own wording, so a source
reads the same whether it shows up in the mix, a shift or an outlier video.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data.sources import BY_KEY


@dataclass(frozen=True)
class Play:
    source: str
    high_means: str  # what a high share says, as a clause
    verb: str  # the short call to action in a headline
    actions: tuple[str, ...]
    low_means: str = ""  # what a share far below typical suggests
    low_actions: tuple[str, ...] = ()
    actionable: bool = True


PLAYBOOK: dict[str, Play] = {
    "for_you": Play(
        "for_you",
        "the algorithm is pushing your videos to non-followers: wide, viral reach",
        "ride it",
        (
            "Ride trends: use trending sounds and hashtags while they are rising",
            "Hook in the first 1–2 seconds: say or show the payoff before anything else",
            "Favour entertainment value: every second should earn the next",
        ),
        low_means="the algorithm is not pushing your videos to new viewers",
        low_actions=(
            "Open with a hook in the first 1–2 seconds: most For You viewers decide there",
            "Try a trending sound or format on your next 3 videos and compare their For You share",
            "Keep videos tight: cut pauses and intros so people watch to the end",
        ),
    ),
    "following": Play(
        "following",
        "a loyal audience comes back for your videos",
        "feed it",
        (
            "Engage your followers: reply to comments, start challenges, invite duets",
            "Make series and behind-the-scenes videos that reward coming back",
            "Post on a steady schedule so followers know when to look",
        ),
        low_means="few of your views come from people who already follow you",
        low_actions=(
            "Make a recurring series (part 1, 2, 3…) that gives followers a reason to return",
            "Reply to comments with videos: it pulls followers back to your feed",
            "Post on a steady schedule so followers see you in their Following feed",
        ),
    ),
    "profile": Play(
        "profile",
        "viewers are curious about you or your brand and open your profile",
        "convert them",
        (
            "Make the bio say in one line what people get by following, with a call to action",
            "Pin the 3 videos that best show what you do",
            "Ask for profile visits in videos (“more on my profile”)",
        ),
        low_means="viewers rarely go on to look at your profile",
        low_actions=(
            "Give a reason to visit the profile: “part 2 is on my profile”",
            "Pin your best 3 videos so a visit turns into more views",
            "Make the bio say in one line what people get by following",
        ),
    ),
    "search": Play(
        "search",
        "people look for this topic and find you",
        "write for it",
        (
            "Put the search terms in captions, on-screen text and the words you say",
            "Answer the queries your videos already rank for (see the search terms)",
            "Name the topic plainly in the first seconds: TikTok transcribes speech",
        ),
        low_means="almost nobody finds your videos by searching",
        low_actions=(
            "Write captions with the words people would type to find the topic",
            "Put the topic as on-screen text in the first seconds, and say it out loud",
            "Make one video answering a common question in your niche, word for word",
        ),
    ),
    "sound": Play(
        "sound",
        "the audio pulls people in",
        "reuse it",
        (
            "Reuse the sounds that brought viewers; make original sounds others can use",
            "Jump on trending sounds early while they are still rising",
        ),
    ),
    "hashtag": Play(
        "hashtag",
        "your hashtags reach a niche",
        "keep them",
        (
            "Keep the niche hashtags that bring viewers",
            "Test one or two new niche hashtags per video and compare",
        ),
    ),
    "direct_message": Play(
        "direct_message",
        "people share your videos privately: strong engagement",
        "make more shareable ones",
        (
            "Make shareable formats: tutorials, challenges, “send this to…” prompts",
            "End with a reason to share (“send this to the friend who…”)",
        ),
    ),
    "external": Play(
        "external",
        "other sites and apps send you viewers",
        "cross-promote",
        (
            "Cross-promote on the platforms that send viewers",
            "Link your videos from your site, newsletter and other profiles",
        ),
    ),
    "other": Play(
        "other",
        "viewers arrive from entry points TikTok does not name",
        "",
        ("Nothing to act on alone: look at the other sources",),
        actionable=False,
    ),
}


def label(source: str) -> str:
    return BY_KEY[source].label


def play(source: str) -> Play:
    return PLAYBOOK[source]
