// One question on the terminal, answered on stdin (prompts go to stderr so --json stays clean).
import { createInterface } from 'node:readline/promises';

export async function ask(question: string): Promise<string> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await prompt.question(question);
  } finally {
    prompt.close();
  }
}
