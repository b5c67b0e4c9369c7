# Dict-heavy text processing: generate a deterministic text from a small vocabulary with a
# linear congruential generator, then count words, bigrams and word lengths in dicts and
# report the most frequent ones.

SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "ta", "shi", "po", "an", "el", "or", "ux"]


def make_vocabulary(size, seed):
    words = []
    state = seed
    while len(words) < size:
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        parts = 1 + (state >> 16) % 3
        word = ""
        for _ in range(parts):
            state = (state * 1103515245 + 12345) & 0x7FFFFFFF
            word += SYLLABLES[(state >> 16) % len(SYLLABLES)]
        words.append(word)
    return words


def make_text(vocabulary, lines, words_per_line, seed):
    state = seed
    out = []
    n = len(vocabulary)
    for _ in range(lines):
        line = []
        for _ in range(words_per_line):
            state = (state * 1103515245 + 12345) & 0x7FFFFFFF
            # Skew the distribution so that some words are much more common than others.
            index = ((state >> 8) % n) * ((state >> 4) % 7 + 1) // 7
            line.append(vocabulary[index])
        out.append(" ".join(line))
    return "\n".join(out)


def count(text):
    words = {}
    bigrams = {}
    lengths = {}
    for line in text.splitlines():
        previous = None
        for word in line.split():
            words[word] = words.get(word, 0) + 1
            length = len(word)
            if length in lengths:
                lengths[length] += 1
            else:
                lengths[length] = 1
            if previous is not None:
                key = (previous, word)
                bigrams[key] = bigrams.get(key, 0) + 1
            previous = word
    return words, bigrams, lengths


def main():
    vocabulary = make_vocabulary(600, 42)
    text = make_text(vocabulary, 15000, 24, 7)
    words, bigrams, lengths = count(text)
    top = sorted(words.items(), key=lambda item: (-item[1], item[0]))[:5]
    top_pairs = sorted(bigrams.items(), key=lambda item: (-item[1], item[0]))[:3]
    print("distinct words:", len(words), "distinct bigrams:", len(bigrams))
    print("top words:", top)
    print("top bigrams:", top_pairs)
    print("lengths:", sorted(lengths.items()))


main()
