/** The "new program" template of the editor: small, valid, and showing the main parts. */
export const MINIMAL_PROGRAM = `{
  "schemaVersion": 1,
  "id": "my-program",
  "defaultLanguage": "en",
  "languages": ["en"],
  "title": {"en": "My peer coaching program"},
  "description": {"en": "Set a goal, meet your group, reflect."},
  "group": {"size": {"min": 3, "max": 4}, "pairing": "group"},
  "cadence": "every-2-weeks",
  "groundRules": {
    "rules": [
      {"en": "Take part actively and listen."},
      {"en": "Questions first, advice second."}
    ],
    "confidentiality": {"en": "What is said in the group stays in the group."}
  },
  "activities": [
    {
      "id": "goal",
      "kind": "goal",
      "title": {"en": "Set a goal"},
      "prompt": {"en": "What do you want to get better at in the coming weeks?"},
      "measureHint": {"en": "Say how you will know that you got there."}
    },
    {
      "id": "session",
      "kind": "session",
      "title": {"en": "Meet your group"},
      "minutes": 60,
      "agenda": [
        {"id": "check-in", "phase": "check-in", "title": {"en": "Check in"}, "minutes": 10},
        {"id": "coaching", "phase": "coaching", "title": {"en": "Coaching"}, "minutes": 40, "perPerson": true},
        {"id": "close", "phase": "close", "title": {"en": "Next steps"}, "minutes": 10}
      ]
    },
    {
      "id": "reflect",
      "kind": "reflection",
      "title": {"en": "Reflect"},
      "prompts": [{"en": "What did you learn?"}, {"en": "What will you try next?"}]
    }
  ],
  "path": {
    "steps": [
      {"id": "set-goal", "activity": "goal"},
      {"id": "meet", "activity": "session", "prerequisites": ["set-goal"]},
      {"id": "reflect", "activity": "reflect", "prerequisites": ["meet"]}
    ]
  }
}
`;
