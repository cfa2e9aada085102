/* downstream: one program using two APIs generated at build time by two apigen_generate()
 * targets (pets_api, weather_api), which share one runtime library (apigen::runtime). It writes
 * a Pets request body and reads a Weather response, and prints:
 *   pets: {"name":"Rex","tag":"dog"}
 *   weather: Oslo 4.5 C rain
 * Exit status 1 when either step fails. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pets/pets.h"
#include "weather/weather.h"

static const char *const SKY[] = {"unknown", "clear", "cloudy", "rain"};

int main(void)
{
    /* A request body of the Pets API, checked against its spec, then written as JSON. */
    pets_pet pet;
    pets_pet_init(&pet);
    pet.name = "Rex";
    pet.tag = "dog";
    apigen_errors errs;
    if (pets_pet_validate(&pet, &errs) != 0) {
        fprintf(stderr, "pets: %s: %s\n", errs.items[0].path, errs.items[0].message);
        return 1;
    }
    char *json = pets_pet_print(&pet);
    if (json == NULL)
        return 1;
    printf("pets: %s\n", json);
    free(json);

    /* A response body of the Weather API, read and validated. */
    const char *body = "{\"city\": \"Oslo\", \"temperature_c\": 4.5, \"sky\": \"rain\"}";
    weather_forecast forecast;
    if (weather_forecast_parse(body, strlen(body), &forecast, &errs) != 0) {
        fprintf(stderr, "weather: %s: %s\n", errs.items[0].path, errs.items[0].message);
        return 1;
    }
    printf("weather: %s %.1f C %s\n", forecast.city, forecast.temperature_c,
           SKY[forecast.sky <= WEATHER_FORECAST_SKY_RAIN ? forecast.sky : 0]);
    weather_forecast_free(&forecast);
    pets_cleanup();
    weather_cleanup();
    return 0;
}
