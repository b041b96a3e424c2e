// natural is imported by subpath (its root loads every storage backend and dotenv): typings for those paths.
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}
