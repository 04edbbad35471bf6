"""What track2 says to its user, in one place (as jrnl's messages): each message a
template filled in with str.format where it is used. Content problems found by the
loader are worded beside their checks; every "did you mean" comes from
errors.did_you_mean."""

from __future__ import annotations

# Errors: each printed as an ERROR line on stderr, with exit code 1.
WARNING = "warning: {message}"
ERROR = "error: {message}"
FILE_EXISTS = "{path} already exists: add --force to overwrite it"
NOT_A_REGULAR_FILE = "{path} is not a regular file: not replacing it"
CANNOT_WRITE = "cannot write {path}: {reason}"
SYSTEM_REFUSED = "{reason} (writing {where})"
CANNOT_CREATE = "cannot create {path}: {reason}"
NOT_OVERWRITING = "{path} already exists: not overwriting it"
NOT_AN_ID = "'{name}' cannot be an id: use lower-case words joined by dashes, {most} at most"
NOT_A_KEY = "'{name}' cannot be a citation key: use letters and digits joined by - _ . or :"
KEY_TAKEN = "{path} already has a reference '{key}': not adding another"
NO_CONTENT = "no content to read: --no-bundled needs --content-dir or TRACK2_CONTENT_PATH"
NOT_FOUND = "no {kind} named '{name}'{suggestion}"
IS_A_CASE = "it is a case: try 'track2 case {name}'"
IS_A_TOPIC = "it is a topic: try 'track2 explain {name}'"
NO_REFERENCES_MATCH = "no references match"
SAME_STUDENT = "{path}: the same student's answers as {first}"
AUDIT_DOCX = (
    "{path}: track2 reads Markdown, plain text, BibTeX, RIS and CSL-JSON; convert it first:"
    " pandoc '{path}' -t markdown -o essay.md"
)
AUDIT_NOTHING = "{path}: no reference or citation found"
AUDIT_CANNOT_READ = "{path}: cannot read it ({reason})"
AUDIT_NOT_TEXT = "{path}: not UTF-8 text: save it as plain text or Markdown first"
AUDIT_NOT_CSL = "{path}: not CSL-JSON (a list of references)"
NO_STUDENTS = "no student's export could be used: nothing to report"
NO_QUESTIONS_MATCH = "no questions match: try 'track2 quiz --list' to see the bank"
NOTHING_MATCHES = "nothing matches '{words}'{suggestion}"
RESET_NEEDS_YES = "not resetting without --yes when there is no terminal to ask on"
STORE_CANNOT_OPEN = "{path}: cannot open the progress file ({reason})"
STORE_CANNOT_USE = "{path}: cannot use the progress file ({reason})"
STORE_CANNOT_BACK_UP = "{path}: cannot back up the progress file ({reason}); nothing was reset"
STORE_NOT_OURS = "{path}: not a usable progress file ({reason})"
STORE_TOO_NEW = (
    "{path}: written by a newer track2 (schema {version}; this one reads up to {newest})"
)
STORE_NOT_SAVED = "{path}: could not save the {what} ({reason})"
STORE_MOVED_ASIDE = (
    "{error}; moved it to {moved} and started a new one. To get back what it still holds:"
    " track2 progress import '{moved}'"
)
STORE_CANNOT_MOVE = "{error}, and it cannot be moved aside ({reason}): nothing was changed"
DAMAGED_ROWS = "warning: {rows} of the progress file could not be read and were skipped"

# Usage errors: Click prints them with the usage line, and exit code 2.
INLINE_NEEDS_TEXT_STYLE = "--inline goes with apa, mla or chicago"
JSON_EXCLUDES = "--json cannot be combined with {option}"
MARKUP_NEEDS_TEXT_STYLE = "--output-format goes with apa, mla or chicago"
CSL_STYLE_ALONE = "--csl-style writes a style file alone: give it only with -o and --force"
ORDERING_NEEDS_GIFT = "--ordering-as-matching goes with gift"
RESOLVED_NEEDS_MARKDOWN = "--resolved goes with markdown"
NEW_NEEDS_WHAT = "say what to start and its name, e.g. track2 new case cyprus"
KIND_IS_FOR_QUESTIONS = "--kind goes with question"
QUERY_TOO_LONG = "a search takes at most {words} words and {characters} characters"
SEARCH_TOO_SLOW = "the search took too long: try fewer words, or longer ones before a *"
NOT_A_NUMBER = "a number from 0 to 100, not NaN"
NOT_A_KIND = "'{name}' is not a kind of question{suggestion}: use one of {kinds}"

# Warnings about a pack, beside the content problems.
ONLY_YAML_READ = "not read: only .yaml and .yml files are read from this folder"
NOT_PART_OF_A_PACK = (
    "not read: a pack holds pack.yaml, references.yaml, topics/, cases/ and questions/"
)
EMPTY_PACK = "the folder holds no content"

# Warnings and notices, on stderr.
PACK_LEFT_OUT = (
    "warning: {pack} has {errors} and is left out of this command; 'track2 validate {pack}'"
    " lists them"
)
READ_THE_PAGE_NOW = "Read the page now?"
TICK_HOW = "(arrows move, space ticks, Enter answers)"
TICK_ONE = "Tick at least one with the space bar, then press Enter"
TYPE_SOMETHING = "Type an answer, then press Enter"
ASK_AGAIN = "Not an answer: type {hint}, or {skip} to move on."
INPUT_ENDED = "The input ended; the score covers the answers given."
CHOOSE_A_NUMBER = "Not a choice: type a number from 1 to {most}."
WORKSHOP_INPUT_ENDED = (
    "the input ended at decision {number} of the workshop: an unfinished run is not scored"
    " or recorded"
)
WORKSHOP_INTERRUPTED = "Interrupted at decision {number}: an unfinished run is not recorded."
RUN_NOT_SAVED = "the debrief above could not be recorded: {error}"
KIT_NEEDS_OUTPUT = "--kit writes files: give the folder with -o DIR"
KIT_NEEDS_WORKSHOP = "--kit and -o go with a scenario: track2 workshop NAME --kit -o DIR"
PROGRESS_NOT_SAVED = "warning: progress is not saved: {error}; trying again with each answer"
ANSWERS_NOT_SAVED = "{unsaved} of {total} answers could not be saved: {error}"
VALIDATE_OK = "ok: {counts}{warnings}"
VALIDATE_FAILED = "{errors}, {warnings}"
WROTE = "wrote {what} to {path}"
WROTE_TEMPLATE = "wrote {path}: fill in each FILL IN, then run 'track2 validate {folder}'"
FORGET_PROMPT = "Forget {what}? A backup copy is kept first"
NOTHING_RESET = "Nothing was reset."
FORGOT = "Forgot {answers} ({what}); backup: {backup}"
IMPORTED = "imported {answers} to {questions} from {path} ({already} already recorded){kept}"
IMPORT_CANNOT_READ = "{path}: cannot read it ({reason})"
IMPORT_NOT_PROGRESS = "{path}: not a progress export or progress file"
IMPORT_BAD_JSON = "{path}:{line}: not valid JSON ({reason})"
IMPORT_NOT_EXPORT = '{source}: not a progress export (no "format": "{format}")'
IMPORT_OTHER_VERSION = (
    "{source}: written by another version of track2 (schema {schema!r}; this one reads 1 to"
    " {newest})"
)
IMPORT_NO_LIST = '{source}: "attempts" is not a list'
IMPORT_FIELD = "{where}: {problem}"
UNREADABLE_ROWS = "warning: {rows} of {path} could not be read and are not imported"
BACKUP_KEPT = "; your progress before the import: {backup}"
IMPORTED_RUNS = "imported {runs} from {path}"
NOTHING_IMPORTED = "nothing to import from {path}: its {total} answers are all recorded already"

# Answers to a question the user asked, on stdout.
NOTHING_MISSED = "Nothing missed: your last answer to every question you tried was right."
NOTHING_TO_REVIEW = "Nothing to review yet: answer some questions first with 'track2 quiz'."
DUE_NOW = "{due} due{asking}."
NOTHING_DUE = "Nothing is due. The next review is due at {when} (local time)."
