// The command line, declared once (screen's options in screen-flags.ts). Commander parses, or for a plain
// screen line screen-line.ts; options.ts validates; run.ts does the work.

import { Command, Option } from 'commander';
import { ENCODINGS } from '../ingest/decode.js';
import { DEBUG_FLAG, SCREEN_FLAGS, type FlagSpec } from './screen-flags.js';

export type Invocation =
  | { readonly command: 'screen'; readonly files: readonly string[]; readonly options: Record<string, unknown> }
  | { readonly command: 'entities'; readonly options: Record<string, unknown> }
  | { readonly command: 'data'; readonly options: Record<string, unknown> }
  | { readonly command: 'inspect'; readonly file: string; readonly options: Record<string, unknown> }
  | {
      readonly command: 'lists-import';
      readonly format: string;
      readonly files: readonly string[];
      readonly options: Record<string, unknown>;
    }
  | { readonly command: 'lists-diff'; readonly before: string; readonly after: string; readonly options: Record<string, unknown> }
  | { readonly command: 'lists-check'; readonly file: string; readonly options: Record<string, unknown> }
  | { readonly command: 'explain'; readonly text: string; readonly options: Record<string, unknown> }
  | { readonly command: 'funds-import'; readonly files: readonly string[]; readonly options: Record<string, unknown> }
  | { readonly command: 'funds-holders'; readonly entity: string; readonly options: Record<string, unknown> }
  | { readonly command: 'funds-list'; readonly options: Record<string, unknown> }
  | { readonly command: 'funds-show'; readonly fund: string; readonly options: Record<string, unknown> }
  | { readonly command: 'funds-remove'; readonly target: string; readonly options: Record<string, unknown> };

/** One example under a command's help, as commander's addHelpText prints it. */
function example(command: string, what: string): string {
  return `\nExample (${what}):\n  $ exposure-screener ${command}\n`;
}

/** Commander's collector for repeatable options. */
function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** An option of screen-flags.ts as commander's. */
function commanderOption(spec: FlagSpec): Option {
  const option = new Option(spec.flags, spec.description);
  if (spec.choices !== undefined) option.choices(spec.choices);
  return spec.repeatable === true ? option.argParser(collect) : option;
}

/**
 * Builds the program. Actions only record what was asked; nothing runs until main.ts has the
 * invocation, so parsing stays testable and side-effect free.
 */
export function buildProgram(
  version: string,
  onInvoke: (invocation: Invocation) => void,
  onOutput: (text: string) => void = () => undefined,
): Command {
  const program = new Command('exposure-screener')
    .description(
      'Screen holdings files for exposure to the 28 organisations added to the US Entity List on 2019-10-09 (84 FR 54002)\n' +
        'for the surveillance and detention of Uighurs in Xinjiang.',
    )
    .version(version, '-V, --version')
    .addOption(commanderOption(DEBUG_FLAG))
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    // Help (of whichever command commander shows it for) goes to onOutput for main.ts to print; error
    // messages are main.ts's own, so commander's are dropped.
    .configureOutput({ writeOut: onOutput, writeErr: onOutput, outputError: () => undefined });

  const screen = program
    .command('screen')
    .description('screen one or more holdings files (CSV as exported; "-" reads stdin) as one portfolio')
    .argument('<files...>', 'holdings files');
  for (const spec of SCREEN_FLAGS) screen.addOption(commanderOption(spec));
  screen
    .action((files: string[], options: Record<string, unknown>) => onInvoke({ command: 'screen', files, options }))
    .addHelpText(
      'after',
      example(
        'screen holdings.csv --format sarif -o screen.sarif --fail-on review',
        'fail on findings for review too, annotate the file in code scanning',
      ),
    );

  program
    .command('entities')
    .description('list the curated entities, their securities, names and look-alikes')
    .option('--json', 'print JSON')
    .option('--data <file>', 'list this data file instead of the bundled list')
    .option('--no-color', 'plain output without colour')
    .action((options: Record<string, unknown>) => onInvoke({ command: 'entities', options }))
    .addHelpText('after', example('entities --json', 'every entity with its securities and names, as JSON'));

  program
    .command('inspect')
    .description('show how a file is read (encoding, header, columns, accounts, skipped rows) without screening')
    .argument('<file>', 'a holdings file ("-" reads stdin)')
    .option('--json', 'print JSON')
    .addOption(new Option('--encoding <name>', 'input encoding (default: detected)').choices(ENCODINGS))
    .option('--columns <map>', 'name columns yourself, e.g. name=Description,value="Mkt Val"')
    .action((file: string, options: Record<string, unknown>) => onInvoke({ command: 'inspect', file, options }))
    .addHelpText(
      'after',
      example('inspect positions.csv --columns name=Description,value="Mkt Val"', 'how a file is read with its columns named'),
    );

  const lists = program
    .command('lists')
    .description('import official lists into the data format, compare two versions, check a list')
    .addHelpText('after', example('lists import --help', 'the options of one of these commands'));
  lists
    .command('import')
    .description(
      'convert published files (OFAC consolidated or SDN CSVs, trade.gov Consolidated Screening List CSV) into a list for --list',
    )
    .argument('<format>', 'ofac-consolidated | ofac-sdn | csl')
    .argument('<files...>', 'the files as downloaded (OFAC: the primary, alternate-name, address and comments CSVs)')
    .requiredOption('-o, --output <file>', 'where to write the list (JSON)')
    .option('--country <code>', 'CSL: keep entries of this country (ISO code, repeatable)', collect)
    .option('--source <code>', 'CSL: keep this sub-list: EL, CMIC or SDN (repeatable; default EL and CMIC)', collect)
    .option('--program <tag>', 'OFAC: keep records of this program tag (repeatable; default the NS-CMIC program)', collect)
    .option('--listed-on <date>', 'listing date for records that state none (default: the import day)')
    .option('--imported-on <date>', 'the import day, YYYY-MM-DD (default: today)')
    .option('-v, --verbose', 'list every warning')
    .action((format: string, files: string[], options: Record<string, unknown>) =>
      onInvoke({ command: 'lists-import', format, files, options }),
    )
    .addHelpText(
      'after',
      example(
        'lists import ofac-consolidated cons_prim.csv cons_alt.csv cons_add.csv -o ns-cmic.json',
        "OFAC's NS-CMIC records, then screen with --list ns-cmic.json",
      ),
    );
  lists
    .command('diff')
    .description('what was added, removed or changed between two versions of a list; exit 1 when they differ')
    .argument('<old>', 'the earlier list (JSON or CSV)')
    .argument('<new>', 'the later list')
    .option('--json', 'print JSON')
    .action((before: string, after: string, options: Record<string, unknown>) =>
      onInvoke({ command: 'lists-diff', before, after, options }),
    )
    .addHelpText('after', example('lists diff ns-cmic-2026-10.json ns-cmic-2026-11.json', 'what changed between two imports'));
  lists
    .command('check')
    .description('validate a list for --list and print its problems by line')
    .argument('<file>', 'a list in our JSON schema or the simple CSV')
    .action((file: string, options: Record<string, unknown>) => onInvoke({ command: 'lists-check', file, options }))
    .addHelpText('after', example('lists check my-list.csv', 'the problems of a list, by line, before using it with --list'));

  program
    .command('data')
    .description('show the list in use: version, review date and age, counts, sources')
    .option('--json', 'print JSON')
    .option('--data <file>', 'describe this data file instead of the bundled list')
    .action((options: Record<string, unknown>) => onInvoke({ command: 'data', options }))
    .addHelpText('after', example('data --json', 'version, review date and age of the list in use'));

  program
    .command('explain')
    .description('show how a name, ticker or identifier is normalised, scored and decided')
    .argument('<text>', 'a security name, ticker (002415.SZ, 0020.HK) or identifier (ISIN, CUSIP, SEDOL)')
    .option('--exchange <exchange>', 'the exchange column that goes with a bare code ("Shenzhen Stock Exchange")')
    .option('--json', 'print JSON')
    .option('--data <file>', 'use this data file instead of the bundled list')
    .option('--min-score <n>', 'lowest name-match score reported for review (0..1)')
    .action((text: string, options: Record<string, unknown>) => onInvoke({ command: 'explain', text, options }))
    .addHelpText('after', example('explain 2415 --exchange "Taiwan Stock Exchange"', 'a code on another exchange is not a match'));

  // ---- funds: the local fund library built from the SEC's N-PORT files (src/cli/run-funds.ts)
  const funds = program
    .command('funds')
    .description("a local library of fund holdings from the SEC's N-PORT data sets, for look-through offline")
    .addHelpText(
      'after',
      example('funds import 2025q3_nport.zip company_tickers_mf.json', "build the library from the SEC's two files, then screen as usual"),
    );
  const libraryOption = (): Option =>
    new Option('--library <dir>', 'the library folder (default: $EXPOSURE_SCREENER_HOME, else the user data folder)');
  funds
    .command('import')
    .description(
      "import N-PORT quarterly data set zips, N-PORT XML filings, the SEC's company_tickers_mf.json, and funds' own holdings files",
    )
    .argument('<files...>', "the files as the SEC publishes them, or a fund issuer's holdings download")
    .addOption(libraryOption())
    .option('--fund <ticker>', 'the fund a holdings file holds (default: the fund its title names)')
    .option('--as-of <date>', 'the date a holdings file that states none is as of, YYYY-MM-DD')
    .option('--json', 'print the import summary as JSON')
    .option('--progress', 'show rows and bytes read on stderr (default: only on a terminal, never in CI)')
    .addHelpText(
      'after',
      example('funds import 2025q3_nport.zip company_tickers_mf.json', 'a quarter of N-PORT filings and the ticker file') +
        example('funds import --fund URTH URTH_holdings.csv', "a fund's own holdings file, under its ticker, at the file's date"),
    )
    .action((files: string[], options: Record<string, unknown>) => onInvoke({ command: 'funds-import', files, options }));
  funds
    .command('holders')
    .description('every fund in the library whose latest filing holds a listed entity, with weight, value, period and filing')
    .argument('<entity>', 'an entity id (hikvision), name or identifier')
    .option('--as-of <date>', 'the latest filing at or before this date, YYYY-MM-DD (default: today)')
    .option('--json', 'print JSON')
    .addOption(libraryOption())
    .addHelpText(
      'after',
      example('funds holders hikvision --as-of 2020-09-30', 'every fund that held Hikvision in its latest filing by that date'),
    )
    .action((entity: string, options: Record<string, unknown>) => onInvoke({ command: 'funds-holders', entity, options }));
  funds
    .command('list')
    .description('the funds in the library, with their latest report period')
    .option('--json', 'print JSON')
    .addOption(libraryOption())
    .addHelpText('after', example('funds list --json', 'the funds in the library, as JSON'))
    .action((options: Record<string, unknown>) => onInvoke({ command: 'funds-list', options }));
  funds
    .command('show')
    .description("one fund's identifiers, filings and listed holdings")
    .argument('<fund>', 'series id, class id, ticker or exact name')
    .option('--json', 'print JSON')
    .addOption(libraryOption())
    .addHelpText('after', example('funds show VWO', "one fund's filings and listed holdings"))
    .action((fund: string, options: Record<string, unknown>) => onInvoke({ command: 'funds-show', fund, options }));
  funds
    .command('remove')
    .description('remove a fund, a report period (YYYY-MM-DD), or a fund in one period (FUND@YYYY-MM-DD) from the library')
    .argument('<target>', 'FUND, PERIOD or FUND@PERIOD')
    .addOption(libraryOption())
    .addHelpText('after', example('funds remove VWO@2025-06-30', "one fund's filing of one period"))
    .action((target: string, options: Record<string, unknown>) => onInvoke({ command: 'funds-remove', target, options }));
  // ---- end funds

  return program;
}
