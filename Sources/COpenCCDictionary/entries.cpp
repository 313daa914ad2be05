#include "etl_opencc_dictionary.h"

#include <opencc/Config.hpp>
#include <opencc/Conversion.hpp>
#include <opencc/ConversionChain.hpp>
#include <opencc/Converter.hpp>
#include <opencc/Dict.hpp>
#include <opencc/DictEntry.hpp>
#include <opencc/Lexicon.hpp>

int etl_opencc_entries(const char *configuration, etl_opencc_entry_callback entry, void *context) {
    if (configuration == nullptr || entry == nullptr) return -1;
    try {
        opencc::Config config;
        opencc::ConverterPtr converter = config.NewFromFile(configuration);
        int step = 0;
        for (const opencc::ConversionPtr &conversion : converter->GetConversionChain()->GetConversions()) {
            opencc::LexiconPtr lexicon = conversion->GetDict()->GetLexicon();
            for (const std::unique_ptr<opencc::DictEntry> &item : *lexicon) {
                entry(context, step, item->Key().c_str(), item->GetDefault().c_str());
            }
            step += 1;
        }
        return step;
    } catch (...) {
        return -1;
    }
}
